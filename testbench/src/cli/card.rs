//! `macsec card --device sim|vfio:DDDD:BB:DD.F …`: program a card and move frames through it
//! with the driver. A simulated card lives only as long as the command, so `--config` programs
//! it first and `--wire FILE.pcap` stands in for its wire.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::{Args, Subcommand};
use macsec_driver::sim::SimDevice;
use macsec_driver::{Card, Device};
use macsec_model::card::{BehavioralCard, CardCaps, CardModel};
use macsec_model::{Backend, Config};

use crate::error::CliError;
use crate::files::{commit, Files, Secrecy};
use crate::pcapio::{FrameReader, FrameWriter};

#[derive(Debug, Args)]
pub struct CardArgs {
    /// `sim` (a behavioral card in this process), `vfio:DDDD:BB:DD.F` (a card bound to vfio-pci)
    /// or `vfio-user:SOCKET` (a card served by `macsec serve`).
    #[arg(long)]
    pub device: String,
    /// Program the card from this SecY configuration before the action.
    #[arg(long, value_name = "FILE.toml")]
    pub config: Option<PathBuf>,
    /// Simulated card only: the pcap standing in for the wire (written by send, read by recv).
    #[arg(long, value_name = "FILE.pcap")]
    pub wire: Option<PathBuf>,
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, Subcommand)]
pub enum Action {
    /// Program the card from CONFIG.toml, changing only what differs: an SA whose key (told by
    /// its key_id, or the key's fingerprint) is already there keeps its PNs and counters, a key
    /// the card already used continues from its next PN, and applying the same file twice
    /// changes nothing.
    Apply {
        config: PathBuf,
        /// Reset the card first, so every SA starts at its configured PN: under a key the card
        /// had already used, that sends its PNs again.
        #[arg(long)]
        reset: bool,
    },
    /// Print every counter as JSON.
    Stats,
    /// Post every frame of IN.pcap (- is standard input) on the TX ring.
    Send {
        input: PathBuf,
        /// Skip records the capture cut short, counting them, instead of refusing the capture.
        #[arg(long)]
        skip_truncated: bool,
    },
    /// Write delivered frames to OUT.pcap (- is standard output).
    Recv {
        output: PathBuf,
        /// Stop after this many frames.
        #[arg(long)]
        count: Option<usize>,
        /// Stop after this long without a frame (milliseconds).
        #[arg(long, default_value_t = 1000)]
        timeout_ms: u64,
    },
}

pub(crate) fn drv(e: macsec_driver::DriverError) -> CliError {
    match e {
        macsec_driver::DriverError::NoDevice(m) | macsec_driver::DriverError::Invalid(m) => {
            CliError::Usage(m)
        }
        other => CliError::Failed(other.to_string()),
    }
}

fn read_config(p: &PathBuf) -> Result<Config, CliError> {
    let text =
        std::fs::read_to_string(p).map_err(|e| CliError::Input(format!("{}: {e}", p.display())))?;
    Config::from_toml(&text).map_err(|e| CliError::Input(format!("{}: {e}", p.display())))
}

pub(crate) enum Dev {
    Sim(SimDevice<BehavioralCard>),
    Real,
}

pub(crate) fn open(device: &str) -> Result<(Card, Dev), CliError> {
    if device == "sim" {
        let sim = SimDevice::new(BehavioralCard::new(CardCaps::default(), Backend::Ring));
        let card = Card::probe(Box::new(sim.clone())).map_err(drv)?;
        return Ok((card, Dev::Sim(sim)));
    }
    #[cfg(target_os = "linux")]
    if let Some(path) = device.strip_prefix("vfio-user:") {
        let dev: Box<dyn Device> = Box::new(
            macsec_driver::vfio_user::VfioUserCard::open(std::path::Path::new(path))
                .map_err(drv)?,
        );
        return Ok((Card::probe(dev).map_err(drv)?, Dev::Real));
    }
    let Some(addr) = device.strip_prefix("vfio:") else {
        return Err(CliError::Usage(format!(
            "--device {}: expected sim, vfio:DDDD:BB:DD.F or vfio-user:SOCKET",
            macsec_model::hexstr::preview(device)
        )));
    };
    open_vfio(addr)
}

#[cfg(target_os = "linux")]
fn open_vfio(addr: &str) -> Result<(Card, Dev), CliError> {
    let addr = addr.parse().map_err(drv)?;
    let dev: Box<dyn Device> = Box::new(macsec_driver::vfio::VfioCard::open(addr).map_err(drv)?);
    Ok((Card::probe(dev).map_err(drv)?, Dev::Real))
}

#[cfg(not(target_os = "linux"))]
fn open_vfio(_: &str) -> Result<(Card, Dev), CliError> {
    Err(CliError::Usage("VFIO is only available on Linux".into()))
}

pub fn run(a: &CardArgs) -> Result<(), CliError> {
    let (mut card, dev) = open(&a.device)?;
    if a.wire.is_some() && matches!(dev, Dev::Real) {
        return Err(CliError::Usage(
            "--wire is for the simulated card only".into(),
        ));
    }
    let mut files = Files::new();
    if let Some(p) = &a.config {
        files.input(p)?;
    }
    if let Some(p) = &a.config {
        card.apply(&read_config(p)?).map_err(drv)?;
    }
    match &a.action {
        Action::Apply { config, reset } => {
            files.input(config)?;
            let c = read_config(config)?;
            if *reset {
                card.apply_fresh(&c).map_err(drv)?;
            } else {
                card.apply(&c).map_err(drv)?;
            }
            eprintln!(
                "card: {} programmed: {} transmit SA(s), {} receive SC(s)",
                c.cipher,
                c.tx_sa.len(),
                c.rx_sc.len()
            );
        }
        Action::Stats => {
            let counters = card.counters().map_err(drv)?;
            println!(
                "{}",
                serde_json::to_string_pretty(&counters)
                    .map_err(|e| CliError::Failed(e.to_string()))?
            );
        }
        Action::Send {
            input,
            skip_truncated,
        } => {
            let name = input.display().to_string();
            let reader = FrameReader::new(&name, files.open(input)?, *skip_truncated)?;
            let wire = match (&dev, &a.wire) {
                (Dev::Sim(_), Some(w)) => Some(files.output(w, Secrecy::Public)?),
                _ => None,
            };
            send(&mut card, &dev, reader, wire)?
        }
        Action::Recv {
            output,
            count,
            timeout_ms,
        } => {
            let wire = match (&dev, &a.wire) {
                (Dev::Sim(_), Some(w)) => {
                    let name = w.display().to_string();
                    Some(FrameReader::new(&name, files.open(w)?, false)?)
                }
                _ => None,
            };
            let out = files.output(output, Secrecy::Public)?;
            recv(
                &mut card,
                &dev,
                out,
                wire,
                *count,
                Duration::from_millis(*timeout_ms),
            )?
        }
    }
    Ok(())
}

fn send(
    card: &mut Card,
    dev: &Dev,
    mut reader: FrameReader,
    wire: Option<crate::files::Output>,
) -> Result<(), CliError> {
    card.setup_rings(8, 16384).map_err(drv)?;
    let mut out = match wire {
        Some(w) => Some(FrameWriter::new(w, reader.header())?),
        None => None,
    };
    let mut buf = macsec_model::FrameBuf::new();
    let (mut posted, mut sent, mut too_short) = (0u64, 0u64, 0u64);
    let mut cpl = Vec::new();
    while let Some(_ts) = reader.next_into(&mut buf)? {
        // A descriptor carries 1..16383 octets: an empty frame cannot be posted, and is counted
        // as the SecY counts it (OutPktsTooShort), as `macsec protect` does.
        if buf.is_empty() {
            too_short += 1;
            continue;
        }
        while card.tx_space() == 0 {
            card.reap_tx(&mut cpl).map_err(drv)?;
        }
        card.post_tx(&[buf.as_slice()]).map_err(drv)?;
        posted += 1;
        card.reap_tx(&mut cpl).map_err(drv)?;
        if let (Dev::Sim(sim), Some(w)) = (dev, out.as_mut()) {
            while let Some(f) = sim.with_card(|c| c.wire_out()) {
                sent += 1;
                w.write((0, sent as u32), f.as_slice())?;
            }
        }
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    while card.tx_outstanding() > 0 && Instant::now() < deadline {
        card.wait(Duration::from_millis(10)).map_err(drv)?;
        card.reap_tx(&mut cpl).map_err(drv)?;
    }
    if let Some(w) = out {
        commit(vec![w.finish()?])?;
    }
    let transmitted = cpl.iter().filter(|c| c.transmitted).count();
    let mut line = format!(
        "card send: {posted} frames posted, {} completed, {transmitted} transmitted",
        cpl.len()
    );
    if too_short > 0 {
        line += &format!("; {too_short} empty frames not posted (OutPktsTooShort)");
    }
    if reader.truncated > 0 {
        line += &format!(
            "; {} truncated records skipped (--skip-truncated)",
            reader.truncated
        );
    }
    eprintln!("{line}");
    Ok(())
}

fn recv(
    card: &mut Card,
    dev: &Dev,
    output: crate::files::Output,
    wire: Option<FrameReader>,
    count: Option<usize>,
    idle: Duration,
) -> Result<(), CliError> {
    card.setup_rings(8, 16384).map_err(drv)?;
    // From here on the card delivers what reaches its wire: a script that sends to it waits
    // for this line rather than guessing how long the set-up takes (through a real VFIO
    // stack under emulation it can take seconds).
    eprintln!("card recv: ready");
    let mut writer = FrameWriter::ethernet(output)?;
    let mut got = 0usize;
    if let (Dev::Sim(sim), Some(mut reader)) = (dev, wire) {
        let mut buf = macsec_model::FrameBuf::new();
        while reader.next_into(&mut buf)?.is_some() {
            sim.with_card(|c| c.wire_in(buf.as_slice()));
            sim.run();
            got += take(card, &mut writer, got)?;
        }
    } else {
        let mut last = Instant::now();
        while count.is_none_or(|n| got < n) && last.elapsed() < idle {
            // Reap after every wait, woken or not: a message that is slow to arrive costs a
            // wait's timeout, never a frame.
            card.wait(Duration::from_millis(10)).map_err(drv)?;
            let n = take(card, &mut writer, got)?;
            if n > 0 {
                got += n;
                last = Instant::now();
            }
        }
    }
    let drops: Vec<String> = card
        .rx_drops_by_reason()
        .map_err(drv)?
        .into_iter()
        .filter(|&(_, n)| n > 0)
        .map(|(why, n)| format!("{n} {}", why.describe()))
        .collect();
    let drops = if drops.is_empty() {
        "none dropped".to_string()
    } else {
        format!("dropped: {}", drops.join(", "))
    };
    if let Some(n) = count.filter(|&n| got < n) {
        // Asked for n frames and fewer came: a failure, and no capture that looks complete.
        return Err(CliError::Failed(format!(
            "card recv: {got} of {n} frames delivered, then {} ms without one; {drops}",
            idle.as_millis()
        )));
    }
    commit(vec![writer.finish()?])?;
    eprintln!("card recv: {got} frames delivered, {drops}");
    Ok(())
}

/// Reap delivered frames into the capture; how many.
fn take(card: &mut Card, writer: &mut FrameWriter, before: usize) -> Result<usize, CliError> {
    let mut n = 0usize;
    let mut failed = None;
    card.reap_rx(|_, f| {
        n += 1;
        if let Err(e) = writer.write((0, (before + n) as u32), f) {
            failed.get_or_insert(e);
        }
    })
    .map_err(drv)?;
    match failed {
        Some(e) => Err(e),
        None => Ok(n),
    }
}
