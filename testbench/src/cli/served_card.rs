//! `macsec serve --config CARD.toml`: what card to serve and how it is built. The SecY's
//! configuration is not here: the driver programs that after it opens the function (vfio-pci
//! resets a function when it is opened, which wipes anything loaded before). What a file can
//! set is what a hardware variant would fix: the behavioral card's table sizes (the CAPS
//! registers advertise them, and the driver sizes itself from them) and its AEAD backend, and
//! the rust-hdl card's DMA shell (read latency, reads in flight, link width). The RTL's own
//! sizes are fixed by its parameters and cannot be set here. Both sections may be in one file
//! (so `--card` can pick either); both are checked, the served card's is used.
//!
//! ```toml
//! card = "model"            # or "hdl", "verilator"
//! [model]
//! rx_scs = 16               # receive SCs (each with 4 SA slots)
//! keys = 128                # key slots: at least 4 + 4 * rx_scs
//! backend = "ring"          # or "aes-gcm"
//! [hdl]                     # the DMA shell of the hdl and verilator cards
//! dma_latency = 200         # cycles from a DMA read request to its data
//! dma_reads = 8             # frame reads in flight
//! link_octets = 32          # octets per cycle on the read link
//! ```

use clap::ValueEnum;
use macsec_model::card::{BehavioralCard, CardCaps, CardModel};
use macsec_model::Backend;
use serde::Deserialize;

use crate::hdl_card::engines::EngineKind;
use crate::hdl_card::{HdlCard, ShellParams};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ServedCard {
    /// The behavioral card (the golden SecY behind the register map).
    Model,
    /// The rust-hdl engine in its DMA shell, clocked on the card's thread.
    Hdl,
    /// The same DMA shell around the engine's generated Verilog, compiled by Verilator.
    Verilator,
}

/// The file as written; every key is optional and unknown keys are refused.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    card: Option<ServedCard>,
    model: Option<ModelFile>,
    hdl: Option<HdlFile>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFile {
    rx_scs: Option<u16>,
    keys: Option<u16>,
    backend: Option<Backend>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct HdlFile {
    dma_latency: Option<u32>,
    dma_reads: Option<usize>,
    link_octets: Option<u32>,
}

/// A served card's description, checked.
#[derive(Clone, Debug)]
pub struct CardSpec {
    pub card: ServedCard,
    pub caps: CardCaps,
    pub backend: Backend,
    pub shell: ShellParams,
    /// The engine simulation of an `hdl` or `verilator` card (loaded by [`CardSpec::load`]).
    pub engine: EngineKind,
}

impl Default for CardSpec {
    fn default() -> Self {
        CardSpec {
            card: ServedCard::Model,
            caps: CardCaps::default(),
            backend: Backend::Ring,
            shell: ShellParams::default(),
            engine: EngineKind::RustHdl,
        }
    }
}

/// The largest receive SC table a served behavioral card may have (the SC index in an RX
/// completion is 16 bits, one value of which means "no SC"; this bound keeps a card's tables
/// to a few megabytes).
pub const MAX_RX_SCS: u16 = 4096;

impl CardSpec {
    /// Parse a description; `card` and `dma_latency`, when given on the command line, win over
    /// the file. Errors name the key at fault.
    pub fn parse(
        text: &str,
        card: Option<ServedCard>,
        dma_latency: Option<u32>,
    ) -> Result<CardSpec, String> {
        let f: File = toml::from_str(text).map_err(|e| e.message().to_string())?;
        let mut s = CardSpec {
            card: card.or(f.card).unwrap_or(ServedCard::Model),
            ..CardSpec::default()
        };
        let m = f.model.unwrap_or_default();
        let h = f.hdl.unwrap_or_default();
        if let Some(n) = m.rx_scs {
            if n == 0 || n > MAX_RX_SCS {
                return Err(format!("[model] rx_scs = {n}: give 1 to {MAX_RX_SCS}"));
            }
            s.caps.rx_scs = n;
        }
        let least = 4 + 4 * u32::from(s.caps.rx_scs);
        match m.keys {
            Some(k) if u32::from(k) < least => {
                return Err(format!(
                    "[model] keys = {k}: {} receive SCs need at least {least} key slots (4 transmit SAs and 4 per SC)",
                    s.caps.rx_scs
                ))
            }
            Some(k) => s.caps.keys = k,
            None if u32::from(s.caps.keys) < least => s.caps.keys = least as u16,
            None => {}
        }
        if let Some(b) = m.backend {
            s.backend = b;
        }
        if let Some(l) = dma_latency.or(h.dma_latency) {
            s.shell.latency = l;
        }
        if s.shell.latency > 100_000 {
            return Err(format!(
                "dma_latency {} is above 100000 cycles",
                s.shell.latency
            ));
        }
        if let Some(r) = h.dma_reads {
            if !(1..=64).contains(&r) {
                return Err(format!("[hdl] dma_reads = {r}: give 1 to 64"));
            }
            s.shell.reads = r;
        }
        if let Some(o) = h.link_octets {
            if !(1..=256).contains(&o) {
                return Err(format!("[hdl] link_octets = {o}: give 1 to 256"));
            }
            s.shell.link_octets = o;
        }
        Ok(s)
    }

    /// Build the Verilated engine if this card needs it (once, for every card served).
    pub fn load(&mut self) -> Result<(), String> {
        if self.card == ServedCard::Verilator {
            self.engine = EngineKind::verilator()?;
        }
        Ok(())
    }

    /// What is served, in a line (printed at start, so a user sees what took effect).
    pub fn describe(&self) -> String {
        match self.card {
            ServedCard::Model => format!(
                "behavioral card ({} receive SCs, {} key slots, {} backend)",
                self.caps.rx_scs,
                self.caps.keys,
                self.backend.name()
            ),
            ServedCard::Hdl | ServedCard::Verilator => format!(
                "{} card (DMA latency {} cycles, {} reads in flight, {} octets per cycle)",
                if self.card == ServedCard::Hdl {
                    "rust-hdl"
                } else {
                    "Verilated"
                },
                self.shell.latency,
                self.shell.reads,
                self.shell.link_octets
            ),
        }
    }

    /// Build a fresh card of this description.
    pub fn build(&self) -> Box<dyn CardModel> {
        match self.card {
            ServedCard::Model => Box::new(BehavioralCard::new(self.caps, self.backend)),
            ServedCard::Hdl | ServedCard::Verilator => {
                Box::new(HdlCard::new(self.engine.sim(false), self.shell))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_sizes_the_behavioral_card_and_flags_win() {
        let s = CardSpec::parse("card = \"model\"\n[model]\nrx_scs = 4\n", None, None).unwrap();
        assert_eq!((s.caps.rx_scs, s.caps.keys), (4, 128));
        let s = CardSpec::parse("[model]\nrx_scs = 64\n", None, None).unwrap();
        assert_eq!(s.caps.keys, 260, "keys grow to what the SCs need");
        let s = CardSpec::parse(
            "card = \"model\"\n[hdl]\ndma_latency = 7\n",
            Some(ServedCard::Hdl),
            Some(9),
        )
        .unwrap();
        assert_eq!((s.card, s.shell.latency), (ServedCard::Hdl, 9));
    }

    #[test]
    fn bad_descriptions_name_the_key() {
        for (text, word) in [
            ("[model]\nrx_scs = 0\n", "rx_scs"),
            ("[model]\nrx_scs = 8\nkeys = 20\n", "keys"),
            ("[hdl]\ndma_reads = 0\n", "dma_reads"),
            ("[hdl]\nlink_octets = 999\n", "link_octets"),
            ("[hdl]\ndma_latency = 100001\n", "dma_latency"),
            ("card = \"asic\"\n", "asic"),
            ("[model]\nrx_sc = 4\n", "rx_sc"),
        ] {
            let e = CardSpec::parse(text, None, None).unwrap_err();
            assert!(e.contains(word), "{text:?}: {e}");
        }
    }
}
