//! `macsec card --device sim|vfio:DDDD:BB:DD.F …`: program a card and move frames through it
//! with the driver. A simulated card lives only as long as the command, so `--config` programs
//! it first and `--wire FILE.pcap` stands in for its wire.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::{Args, Subcommand};
use macsec_driver::sim::SimDevice;
use macsec_driver::{Card, Device};
use macsec_model::card::{BehavioralCard, CardCaps, CardModel};
use macsec_model::{Backend, Config};
use pcap_file::pcap::PcapHeader;
use pcap_file::DataLink;

use crate::error::CliError;
use crate::pcapio::{FrameReader, FrameWriter};

#[derive(Debug, Args)]
pub struct CardArgs {
    /// `sim` (a behavioral card in this process) or `vfio:DDDD:BB:DD.F`.
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
    /// Program the card from CONFIG.toml.
    Apply { config: PathBuf },
    /// Print every counter as JSON.
    Stats,
    /// Post every frame of IN.pcap on the TX ring.
    Send { input: PathBuf },
    /// Write delivered frames to OUT.pcap.
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

fn drv(e: macsec_driver::DriverError) -> CliError {
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

enum Dev {
    Sim(SimDevice<BehavioralCard>),
    Real,
}

fn open(device: &str) -> Result<(Card, Dev), CliError> {
    if device == "sim" {
        let sim = SimDevice::new(BehavioralCard::new(CardCaps::default(), Backend::Ring));
        let card = Card::probe(Box::new(sim.clone())).map_err(drv)?;
        return Ok((card, Dev::Sim(sim)));
    }
    let Some(addr) = device.strip_prefix("vfio:") else {
        return Err(CliError::Usage(format!(
            "--device '{device}': expected sim or vfio:DDDD:BB:DD.F"
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
    if let Some(p) = &a.config {
        card.apply(&read_config(p)?).map_err(drv)?;
    }
    match &a.action {
        Action::Apply { config } => {
            let c = read_config(config)?;
            card.apply(&c).map_err(drv)?;
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
        Action::Send { input } => send(&mut card, &dev, input, a.wire.as_ref())?,
        Action::Recv {
            output,
            count,
            timeout_ms,
        } => recv(
            &mut card,
            &dev,
            output,
            a.wire.as_ref(),
            *count,
            Duration::from_millis(*timeout_ms),
        )?,
    }
    Ok(())
}

fn send(card: &mut Card, dev: &Dev, input: &Path, wire: Option<&PathBuf>) -> Result<(), CliError> {
    card.setup_rings(8, 16384).map_err(drv)?;
    let mut reader = FrameReader::open(input)?;
    let mut out = match (dev, wire) {
        (Dev::Sim(_), Some(w)) => Some(FrameWriter::create(w, reader.header())?),
        _ => None,
    };
    let mut buf = macsec_model::FrameBuf::new();
    let (mut posted, mut sent) = (0u64, 0u64);
    let mut cpl = Vec::new();
    while let Some(_ts) = reader.next_into(&mut buf)? {
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
        w.finish()?;
    }
    let transmitted = cpl.iter().filter(|c| c.transmitted).count();
    eprintln!(
        "card send: {posted} frames posted, {} completed, {transmitted} transmitted",
        cpl.len()
    );
    Ok(())
}

fn recv(
    card: &mut Card,
    dev: &Dev,
    output: &Path,
    wire: Option<&PathBuf>,
    count: Option<usize>,
    idle: Duration,
) -> Result<(), CliError> {
    card.setup_rings(8, 16384).map_err(drv)?;
    let header = PcapHeader {
        datalink: DataLink::ETHERNET,
        ..PcapHeader::default()
    };
    let mut writer = FrameWriter::create(output, header)?;
    let mut got = 0usize;
    if let (Dev::Sim(sim), Some(w)) = (dev, wire) {
        let mut reader = FrameReader::open(w)?;
        let mut buf = macsec_model::FrameBuf::new();
        while reader.next_into(&mut buf)?.is_some() {
            sim.with_card(|c| c.wire_in(buf.as_slice()));
            sim.run();
            got += take(card, &mut writer, got)?;
        }
    } else {
        let mut last = Instant::now();
        while count.is_none_or(|n| got < n) && last.elapsed() < idle {
            if card.wait(Duration::from_millis(10)).map_err(drv)? {
                let n = take(card, &mut writer, got)?;
                if n > 0 {
                    got += n;
                    last = Instant::now();
                }
            }
        }
    }
    writer.finish()?;
    let drops = card.rx_drops().map_err(drv)?;
    eprintln!("card recv: {got} frames delivered, {drops} dropped for want of a buffer");
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
