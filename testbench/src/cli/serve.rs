//! `macsec serve`: simulated cards presented as PCI functions over vfio-user, for QEMU's
//! `vfio-user-pci` (a guest's vfio-pci then binds them) or for the driver's `vfio-user:`
//! backend. Two sockets serve two cards with a wire between them. Runs until each socket's
//! client has disconnected (or, with --keep-serving, until a signal), or SIGINT/SIGTERM; the
//! socket files go with it.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use clap::Args;
use macsec_vfio_user::{serve, Ended, Function, Listener};

use super::served_card::{CardSpec, ServedCard};
use crate::error::CliError;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// UNIX socket to serve a card on (give it twice for two cards wired back to back).
    #[arg(long, required = true, num_args = 1, action = clap::ArgAction::Append)]
    pub socket: Vec<PathBuf>,
    /// Which simulated card [default: model, or the --config file's `card`].
    #[arg(long, value_enum)]
    pub card: Option<ServedCard>,
    /// The card's description: which card, the behavioral card's table sizes and backend, the
    /// rust-hdl card's DMA shell (see docs/driver-guide.md). Flags win over the file.
    #[arg(long, value_name = "CARD.toml")]
    pub config: Option<PathBuf>,
    /// The rust-hdl card's DMA read latency in cycles [default: 200].
    #[arg(long)]
    pub dma_latency: Option<u32>,
    /// Serve clients one after the other until a signal (default: stop when the client
    /// disconnects — QEMU stays connected for the guest's whole life; a driver on the host
    /// connects once per process).
    #[arg(long)]
    pub keep_serving: bool,
}

fn spec(a: &ServeArgs) -> Result<CardSpec, CliError> {
    let text = match &a.config {
        Some(p) => std::fs::read_to_string(p)
            .map_err(|e| CliError::Input(format!("{}: {e}", p.display())))?,
        None => String::new(),
    };
    let at = a
        .config
        .as_ref()
        .map(|p| format!("{}: ", p.display()))
        .unwrap_or_else(|| "--dma-latency: ".into());
    CardSpec::parse(&text, a.card, a.dma_latency).map_err(|e| CliError::Usage(format!("{at}{e}")))
}

pub fn run(a: &ServeArgs) -> Result<(), CliError> {
    if a.socket.len() > 2 {
        return Err(CliError::Usage(format!(
            "--socket given {} times: serve one card, or two wired back to back",
            a.socket.len()
        )));
    }
    if a.socket.len() == 2 && a.socket[0] == a.socket[1] {
        return Err(CliError::Usage(
            "the two --socket paths are the same".into(),
        ));
    }
    let mut spec = spec(a)?;
    spec.load().map_err(CliError::Failed)?;
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(sig, stop.clone())
            .map_err(|e| CliError::Failed(format!("installing a signal handler: {e}")))?;
    }
    // Bind every socket before serving any, so a bad path fails before a client can connect.
    let listeners = a
        .socket
        .iter()
        .map(|p| Listener::bind(p).map_err(|e| CliError::Usage(e.to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    let functions: Vec<Function> = listeners
        .iter()
        .map(|_| Function::new(spec.build()))
        .collect();
    if let [x, y] = functions.as_slice() {
        Function::connect(x, y);
    }
    for l in &listeners {
        eprintln!("serve: {} on {}", spec.describe(), l.path().display());
    }
    let results: Vec<Result<(), CliError>> = std::thread::scope(|s| {
        let handles: Vec<_> = listeners
            .iter()
            .zip(&functions)
            .map(|(l, f)| {
                let stop = stop.clone();
                s.spawn(move || serve_socket(l, f, &stop, !a.keep_serving))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(CliError::Failed("a server thread failed".into())))
            })
            .collect()
    });
    for (l, f) in listeners.iter().zip(&functions) {
        let st = f.stats();
        eprintln!(
            "serve: {}: {} messages sent, {} DMA accesses refused (bus master off), {} resets, {} frames sent on the wire",
            l.path().display(),
            st.messages_sent,
            st.dma_refused,
            st.resets,
            st.wire_out
        );
    }
    drop(functions);
    drop(listeners);
    results.into_iter().collect()
}

fn serve_socket(l: &Listener, f: &Function, stop: &AtomicBool, once: bool) -> Result<(), CliError> {
    let path = l.path().display().to_string();
    loop {
        let Some(stream) = l
            .accept(stop)
            .map_err(|e| CliError::Failed(e.to_string()))?
        else {
            return Ok(());
        };
        eprintln!("serve: {path}: client connected");
        let mut log = |m: &str| eprintln!("serve: {path}: {m}");
        match serve(stream, f, stop, &mut log) {
            Ok(Ended::Stopped) => return Ok(()),
            Ok(Ended::Disconnected) => eprintln!("serve: {path}: client disconnected"),
            Err(e) => eprintln!("serve: {path}: connection ended: {e}"),
        }
        if once {
            // Nothing accepts on this socket any more: take its file away now, so a later
            // client is told at once that nobody serves it (instead of waiting in the backlog
            // for a reply that never comes while the other socket is still served).
            let _ = std::fs::remove_file(l.path());
            eprintln!(
                "serve: {path}: its client was served; --keep-serving serves one after another"
            );
            return Ok(());
        }
        if stop.load(Ordering::SeqCst) {
            return Ok(());
        }
    }
}
