//! The engine's generated Verilog — the file a hardware engineer takes to a flow — simulated by
//! Verilator, behind the `EngineModel` seam the rust-hdl simulation uses, so the scoreboard, the
//! lab and the driver's conformance suite run unchanged on it. The Verilated model is built at
//! run time from `macsec_hdl::verilog::engine_verilog()` (cached by a hash of what goes in) and
//! reached through a small C ABI loaded with `dlopen`; `cargo build` needs no Verilator.

mod build;
mod ffi;
mod models;
mod wrapper;

use std::path::PathBuf;
use std::sync::Arc;

use macsec_hdl::engine::axi::bridge::AxiBridge;
use macsec_hdl::engine::pins::EngineModel;

pub use build::cache_root;
pub use models::{VerilatedAxi, VerilatedEngine};

/// Which top module is Verilated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TopKind {
    /// `macsec_engine` and its native pins.
    #[default]
    Native,
    /// `macsec_engine_axi` (AXI4-Lite and AXI4-Stream) around it.
    Axi,
}

impl TopKind {
    fn top(self) -> wrapper::Top {
        match self {
            TopKind::Native => wrapper::NATIVE,
            TopKind::Axi => wrapper::AXI,
        }
    }
}

/// What the engine's registers and memories hold before the first reset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PowerUp {
    /// The values of the Verilog's `initial` statements (what an FPGA's bitstream loads).
    #[default]
    Initial,
    /// The Verilog without its `initial` statements but the ROMs', every variable random at
    /// construction (Verilator's `--x-initial unique`, seeded per engine from `seed`): what an
    /// ASIC's flip-flops and RAMs hold at power-up. Only the reset can make such an engine correct.
    Random { seed: u32 },
}

#[derive(Debug, thiserror::Error)]
pub enum VerilatorError {
    #[error("{tool} is not installed (or does not run): the Verilated engine needs Verilator and a C++ compiler (Debian: apt-get install verilator g++)")]
    ToolMissing { tool: &'static str },
    #[error("building the Verilated engine: {step} failed:\n{tail}")]
    Build { step: &'static str, tail: String },
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
    #[error("loading {path}: {why}")]
    Load { path: PathBuf, why: String },
}

/// A built and loaded Verilated engine library; engines made from it share it.
#[derive(Debug, Clone)]
pub struct Verilated {
    top: TopKind,
    lib: Arc<ffi::Lib>,
    traced: bool,
    power_up: PowerUp,
    /// Engines made so far (each random engine gets a seed of its own).
    made: Arc<std::sync::atomic::AtomicU32>,
    /// Times the AXI master of each AXI top made ([`Verilated::with_bridge_seed`]).
    bridge_seed: u64,
}

impl Verilated {
    /// Build (or find in the cache) and load the engine's Verilog. `traced` compiles in VCD
    /// tracing (slower, so only when a waveform is wanted); `log` hears of a build before it
    /// starts.
    pub fn load(traced: bool, log: &mut dyn FnMut(&str)) -> Result<Verilated, VerilatorError> {
        Self::load_with(traced, PowerUp::Initial, log)
    }

    /// As [`Verilated::load`], with the state before the first reset chosen by `power_up`.
    pub fn load_with(
        traced: bool,
        power_up: PowerUp,
        log: &mut dyn FnMut(&str),
    ) -> Result<Verilated, VerilatorError> {
        Self::load_top(TopKind::Native, traced, power_up, log)
    }

    /// As [`Verilated::load_with`], for either top (`macsec_engine.v`, or
    /// `macsec_engine_axi.v` around it).
    pub fn load_top(
        top: TopKind,
        traced: bool,
        power_up: PowerUp,
        log: &mut dyn FnMut(&str),
    ) -> Result<Verilated, VerilatorError> {
        let mut files = vec![("macsec_engine.v", macsec_hdl::verilog::engine_verilog())];
        if top == TopKind::Axi {
            files.push((
                "macsec_engine_axi.v",
                macsec_hdl::verilog::engine_axi_verilog(),
            ));
        }
        let random = matches!(power_up, PowerUp::Random { .. });
        if random {
            for (_, text) in files.iter_mut() {
                *text = macsec_hdl::verilog_power_up::without_initial(text).0;
            }
        }
        let path = build::library(&top.top(), &files, traced, random, log)?;
        let lib = ffi::Lib::open(&path, &top.top())?;
        Ok(Verilated {
            top,
            lib: Arc::new(lib),
            traced,
            power_up,
            made: Arc::default(),
            bridge_seed: 0,
        })
    }

    pub fn power_up(&self) -> PowerUp {
        self.power_up
    }

    /// Which top this library simulates.
    pub fn top(&self) -> TopKind {
        self.top
    }

    /// The seed of the next model: its power-up state, and the AXI master's timing.
    fn next_seed(&self) -> (u32, u32) {
        let n = self.made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // Verilator takes seed 0 as "pick one from the clock"; ours are never 0.
        let seed = match self.power_up {
            PowerUp::Initial => 1,
            PowerUp::Random { seed } => {
                (seed.wrapping_mul(0x9E37_79B9).wrapping_add(n) % 0x7FFF_FFFF) + 1
            }
        };
        (seed, n)
    }

    /// A fresh engine of the native top, not yet reset (`EngineSim` drives the reset pin
    /// first). Of a library built for another top: `None`.
    pub fn engine(&self) -> Option<VerilatedEngine> {
        if self.top != TopKind::Native {
            return None;
        }
        let (seed, _) = self.next_seed();
        Some(VerilatedEngine::new(self.lib.new_model(seed), self.traced))
    }

    /// A fresh AXI top, not yet reset. Of a library built for another top: `None`.
    pub fn axi(&self) -> Option<VerilatedAxi> {
        if self.top != TopKind::Axi {
            return None;
        }
        let (seed, _) = self.next_seed();
        Some(VerilatedAxi::new(self.lib.new_model(seed), self.traced))
    }

    /// The AXI master's timing of the AXI tops made from here on: engine `n` gets
    /// [`macsec_hdl::engine::axi::bridge::seed_of`]`(seed, n)`, as the rust-hdl AXI top does.
    pub fn with_bridge_seed(mut self, seed: u64) -> Verilated {
        self.bridge_seed = seed;
        self
    }

    /// A fresh engine of this library's top behind the native seam: the native top as it is,
    /// the AXI top through the testbench's AXI master.
    pub fn model(&self) -> Box<dyn EngineModel> {
        let (seed, n) = self.next_seed();
        let model = self.lib.new_model(seed);
        match self.top {
            TopKind::Native => Box::new(VerilatedEngine::new(model, self.traced)),
            TopKind::Axi => Box::new(AxiBridge::new(
                VerilatedAxi::new(model, self.traced),
                macsec_hdl::engine::axi::bridge::seed_of(self.bridge_seed, n as u64),
            )),
        }
    }
}
