//! `macsec protect` and `macsec validate`: a SecY over every frame of a pcap.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use macsec_model::secy::{PnEvent, RxCounter, TxCounter};
use macsec_model::{FrameBuf, SecY};

use super::SecyArgs;
use crate::error::CliError;
use crate::files::{commit, Files, Secrecy};
use crate::pcapio::{FrameReader, FrameWriter};

#[derive(Debug, Args)]
pub struct FramesArgs {
    #[command(flatten)]
    pub secy: SecyArgs,
    /// Write the counters as JSON (802.1AE-2018 names, SecY-wide totals at the top level).
    #[arg(long, value_name = "FILE.json")]
    pub stats: Option<PathBuf>,
    /// Skip records the capture cut short (captured length below the frame's), counting them,
    /// instead of refusing the capture.
    #[arg(long)]
    pub skip_truncated: bool,
    /// Input capture (pcap, Ethernet, no FCS); - is standard input.
    #[arg(value_name = "IN.pcap")]
    pub input: PathBuf,
    /// Output capture: replaced only when the command succeeds; - is standard output.
    #[arg(value_name = "OUT.pcap")]
    pub output: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Protect,
    Validate,
}

pub fn run(dir: Direction, a: &FramesArgs) -> Result<(), CliError> {
    let transmit = dir == Direction::Protect;
    let config = a.secy.config(transmit)?;
    let mut secy = config.build(a.secy.backend).map_err(|e| {
        // Flags have no file positions to name; a file's errors keep theirs.
        match (&a.secy.config, e) {
            (None, macsec_model::config::ConfigFileError::Invalid { source, .. }) => {
                CliError::Usage(source.to_string())
            }
            (Some(p), e) => CliError::Input(format!("{}: {e}", p.display())),
            (None, e) => CliError::Usage(e.to_string()),
        }
    })?;

    // Every file is checked, and every output's temporary file made, before the first frame.
    let mut files = Files::new();
    if let Some(c) = &a.secy.config {
        files.input(c)?;
    }
    let input = files.open(&a.input)?;
    let out = files.output(&a.output, Secrecy::Public)?;
    let stats = match &a.stats {
        Some(p) => Some(files.output(p, Secrecy::Public)?),
        None => None,
    };
    let mut reader = FrameReader::new(&a.input.display().to_string(), input, a.skip_truncated)?;
    let mut writer = FrameWriter::new(out, reader.header())?;
    let mut buf = FrameBuf::with_capacity(16 * 1024);
    let mut frames = 0u64;
    let mut events = Vec::new();
    while let Some(ts) = reader.next_into(&mut buf)? {
        frames += 1;
        let send = if transmit {
            let r = secy.protect(&mut buf);
            if let Some(ev) = r.event {
                events.push((frames, ev));
            }
            r.counter.transmits()
        } else {
            secy.validate(&mut buf).delivered()
        };
        if send {
            writer.write(ts, buf.as_slice())?;
        }
    }
    let mut outputs = vec![writer.finish()?];
    if let Some(mut o) = stats {
        let mut text = serde_json::to_string_pretty(&secy.stats_json())
            .map_err(|e| CliError::Output(e.to_string()))?;
        text.push('\n');
        o.write_all(text.as_bytes()).map_err(|e| o.error(e))?;
        outputs.push(o);
    }
    commit(outputs)?;
    let mut line = summary(dir, &secy, frames, &events);
    if reader.truncated > 0 {
        line += &format!(
            "; {} truncated records skipped (--skip-truncated)",
            reader.truncated
        );
    }
    eprintln!("{line}");
    Ok(())
}

/// The one-line summary: what came in, what went out, every counter that moved.
fn summary(dir: Direction, secy: &SecY, frames: u64, events: &[(u64, PnEvent)]) -> String {
    let s = secy.stats();
    let (verb, passed, counters): (&str, u64, Vec<String>) = match dir {
        Direction::Protect => (
            "transmitted",
            TxCounter::ALL
                .iter()
                .filter(|c| c.transmits())
                .map(|&c| s.tx(c))
                .sum(),
            TxCounter::ALL
                .iter()
                .filter(|&&c| s.tx(c) > 0)
                .map(|&c| format!("{} {}", c.name(), s.tx(c)))
                .collect(),
        ),
        Direction::Validate => (
            "delivered",
            RxCounter::ALL
                .iter()
                .filter(|c| c.delivers())
                .map(|&c| s.rx(c))
                .sum(),
            RxCounter::ALL
                .iter()
                .filter(|&&c| s.rx(c) > 0)
                .map(|&c| format!("{} {}", c.name(), s.rx(c)))
                .collect(),
        ),
    };
    let name = match dir {
        Direction::Protect => "protect",
        Direction::Validate => "validate",
    };
    let mut line = format!(
        "{name}: {frames} frames, {passed} {verb}, {} discarded",
        frames - passed
    );
    if !counters.is_empty() {
        line += &format!(" ({})", counters.join(", "));
    }
    for (i, ev) in events {
        match ev {
            PnEvent::Threshold { an } => {
                line += &format!("; frame {i}: SA {an} reached the PN threshold")
            }
            PnEvent::Exhausted { an } => line += &format!("; frame {i}: SA {an} exhausted its PNs"),
        }
    }
    line
}
