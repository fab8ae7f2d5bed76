//! Which simulation of the engine a card or the scoreboard runs: the rust-hdl design, or its
//! generated Verilog under Verilator (built at first use and cached), either with its native pins
//! or as `macsec_engine_axi` (AXI4-Lite and AXI4-Stream) driven by the testbench's AXI master.
//! All sit behind `EngineModel`, so everything above — the DMA shell, the driver, the lockstep —
//! is the same.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use macsec_hdl::engine::axi::bridge::{seed_of, AxiBridge};
use macsec_hdl::engine::axi::rust_hdl::RustHdlAxi;
use macsec_hdl::engine::sim::EngineSim;
use macsec_verilator::{PowerUp, TopKind, Verilated};

#[derive(Clone, Debug, Default)]
pub enum EngineKind {
    /// The rust-hdl RTL, clocked by the direct simulate() loop.
    #[default]
    RustHdl,
    /// The rust-hdl AXI top; `seed` and the engines made so far time the AXI master.
    RustHdlAxi { seed: u64, made: Arc<AtomicU64> },
    /// The engine's generated Verilog (either top), compiled by Verilator.
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
        Self::verilator_top(TopKind::Native, power_up, 0)
    }

    /// As [`EngineKind::verilator_with`], for either top; `seed` times the AXI master of an
    /// AXI top (as [`EngineKind::rust_hdl_axi`]'s does).
    pub fn verilator_top(top: TopKind, power_up: PowerUp, seed: u64) -> Result<EngineKind, String> {
        Verilated::load_top(top, true, power_up, &mut |m| eprintln!("verilator: {m}"))
            .map(|v| EngineKind::Verilator(v.with_bridge_seed(seed)))
            .map_err(|e| e.to_string())
    }

    /// The rust-hdl AXI top, the AXI master's timing seeded by `seed`.
    pub fn rust_hdl_axi(seed: u64) -> EngineKind {
        EngineKind::RustHdlAxi {
            seed,
            made: Arc::default(),
        }
    }

    /// A fresh engine, reset; `traced` records every cycle's native pins for the Icarus replay
    /// (of the native top only: an AXI top's pins are not those).
    pub fn sim(&self, traced: bool) -> EngineSim {
        match self {
            EngineKind::RustHdl if traced => EngineSim::traced(),
            EngineKind::RustHdl => EngineSim::new(),
            EngineKind::RustHdlAxi { seed, made } => {
                let n = made.fetch_add(1, Ordering::Relaxed);
                let bridge = AxiBridge::new(RustHdlAxi::new(), seed_of(*seed, n));
                EngineSim::on(Box::new(bridge), false)
            }
            EngineKind::Verilator(v) => {
                let traced = traced && v.top() == TopKind::Native;
                EngineSim::on(v.model(), traced)
            }
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
            EngineKind::RustHdl | EngineKind::RustHdlAxi { .. } => "hdl",
            EngineKind::Verilator(_) => "verilator",
        }
    }

    /// Which top runs (`native`, `axi`: the words of `--top`).
    pub fn top(&self) -> &'static str {
        match self {
            EngineKind::RustHdlAxi { .. } => "axi",
            EngineKind::Verilator(v) if v.top() == TopKind::Axi => "axi",
            _ => "native",
        }
    }
}
