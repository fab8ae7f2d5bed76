//! The cards the lab can run: what it needs from a card beyond [`CardModel`] (simulated time and
//! waveforms), and how each is made.

use macsec_hdl::engine::params::CLOCK_MHZ;
use macsec_hdl::vcd_redact::Keys;
use macsec_model::card::{BehavioralCard, CardCaps, CardModel};
use macsec_model::Backend;

use crate::hdl_card::engines::EngineKind;
use crate::hdl_card::{HdlCard, ShellParams};

pub trait LabCard: CardModel + 'static {
    /// The `--card` name.
    const NAME: &'static str;
    /// The modelled clock, for the Gbit/s that simulated cycles mean (None: not cycle-based).
    const CLOCK_MHZ: Option<u32> = None;
    /// Clock cycles simulated so far (None: a transaction-level card has none).
    fn cycles(&self) -> Option<u64> {
        None
    }
    /// Record the card's waveforms for the next `cycles` cycles (key material as `keys` says).
    fn start_vcd(&mut self, _cycles: u64, _keys: Keys) {}
    /// The waveform recorded since [`LabCard::start_vcd`] (empty if none).
    fn take_vcd(&mut self) -> Vec<u8> {
        Vec::new()
    }
}

impl LabCard for BehavioralCard {
    const NAME: &'static str = "model";
}

impl LabCard for HdlCard {
    const NAME: &'static str = "hdl";
    const CLOCK_MHZ: Option<u32> = Some(CLOCK_MHZ);
    fn cycles(&self) -> Option<u64> {
        Some(HdlCard::cycles(self))
    }
    fn start_vcd(&mut self, cycles: u64, keys: Keys) {
        self.sim().start_vcd_for(cycles, keys)
    }
    fn take_vcd(&mut self) -> Vec<u8> {
        self.sim().take_vcd()
    }
}

pub fn behavioral() -> BehavioralCard {
    BehavioralCard::new(CardCaps::default(), Backend::Ring)
}

/// The rust-hdl card with a DMA read latency of `latency` cycles.
pub fn hdl(latency: u32) -> impl Fn() -> HdlCard {
    hdl_on(EngineKind::RustHdl, latency)
}

/// The same DMA shell around any simulation of the engine (the rust-hdl design, or its
/// Verilog under Verilator).
pub fn hdl_on(engine: EngineKind, latency: u32) -> impl Fn() -> HdlCard {
    move || {
        HdlCard::new(
            engine.sim(false),
            ShellParams {
                latency,
                ..ShellParams::default()
            },
        )
    }
}
