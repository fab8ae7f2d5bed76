//! Which simulation of the engine a card or the scoreboard runs: the rust-hdl design, or its
//! generated Verilog under Verilator (built at first use and cached). Both sit behind
//! `EngineModel`, so everything above — the DMA shell, the driver, the lockstep — is the same.

use macsec_hdl::engine::sim::EngineSim;
use macsec_verilator::{PowerUp, Verilated};

#[derive(Clone, Debug, Default)]
pub enum EngineKind {
    /// The rust-hdl RTL, clocked by the direct simulate() loop.
    #[default]
    RustHdl,
    /// The engine's generated Verilog, compiled by Verilator.
    Verilator(Verilated),
}

impl EngineKind {
    /// The Verilated engine, built first if the cache does not hold it (the build's progress
    /// goes to standard error). Tracing is compiled in, so a waveform can be asked for at any
    /// point of a run.
    pub fn verilator() -> Result<EngineKind, String> {
        Self::verilator_with(PowerUp::Initial)
    }

    /// As [`EngineKind::verilator`], with the state before the first reset chosen.
    pub fn verilator_with(power_up: PowerUp) -> Result<EngineKind, String> {
        Verilated::load_with(true, power_up, &mut |m| eprintln!("verilator: {m}"))
            .map(EngineKind::Verilator)
            .map_err(|e| e.to_string())
    }

    /// A fresh engine, reset; `traced` records every cycle's pins for the Icarus replay.
    pub fn sim(&self, traced: bool) -> EngineSim {
        match self {
            EngineKind::RustHdl if traced => EngineSim::traced(),
            EngineKind::RustHdl => EngineSim::new(),
            EngineKind::Verilator(v) => EngineSim::on(Box::new(v.engine()), traced),
        }
    }

    /// What the engine holds before its first reset (`initial` values, or `random`).
    pub fn power_up(&self) -> &'static str {
        match self {
            EngineKind::Verilator(v) if v.power_up() != PowerUp::Initial => "random",
            _ => "initial",
        }
    }

    /// The name reports use (`hdl`, `verilator`: the words of `--engine`).
    pub fn name(&self) -> &'static str {
        match self {
            EngineKind::RustHdl => "hdl",
            EngineKind::Verilator(_) => "verilator",
        }
    }
}
