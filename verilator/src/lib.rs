//! The engine's generated Verilog — the file a hardware engineer takes to a flow — simulated by
//! Verilator, behind the `EngineModel` seam the rust-hdl simulation uses, so the scoreboard, the
//! lab and the driver's conformance suite run unchanged on it. The Verilated model is built at
//! run time from `macsec_hdl::verilog::engine_verilog()` (cached by a hash of what goes in) and
//! reached through a small C ABI loaded with `dlopen`; `cargo build` needs no Verilator.

mod build;
mod ffi;
mod wrapper;

use std::path::PathBuf;
use std::sync::Arc;

use macsec_hdl::engine::pins::{EngineIn, EngineModel, EngineOut, N_OUT};
use macsec_hdl::vcd_redact::{Keys, Redactor};

pub use build::cache_root;

/// What the engine's registers and memories hold before the first reset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PowerUp {
    /// The values of the Verilog's `initial` statements (what an FPGA's bitstream loads).
    #[default]
    Initial,
    /// The Verilog without its `initial` statements, every variable random at construction
    /// (Verilator's `--x-initial unique`, seeded per engine from `seed`): what an ASIC's
    /// flip-flops and RAMs hold at power-up. Only the reset can make such an engine correct.
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
    lib: Arc<ffi::Lib>,
    traced: bool,
    power_up: PowerUp,
    /// Engines made so far (each random engine gets a seed of its own).
    made: Arc<std::sync::atomic::AtomicU32>,
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
        let mut verilog = macsec_hdl::verilog::engine_verilog();
        let random = matches!(power_up, PowerUp::Random { .. });
        if random {
            verilog = macsec_hdl::verilog_power_up::without_initial(&verilog).0;
        }
        let path = build::library(&verilog, traced, random, log)?;
        let lib = ffi::Lib::open(&path)?;
        Ok(Verilated {
            lib: Arc::new(lib),
            traced,
            power_up,
            made: Arc::default(),
        })
    }

    pub fn power_up(&self) -> PowerUp {
        self.power_up
    }

    /// A fresh engine, not yet reset (`EngineSim` drives the reset pin first).
    pub fn engine(&self) -> VerilatedEngine {
        let n = self.made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // Verilator takes seed 0 as "pick one from the clock"; ours are never 0.
        let seed = match self.power_up {
            PowerUp::Initial => 1,
            PowerUp::Random { seed } => {
                (seed.wrapping_mul(0x9E37_79B9).wrapping_add(n) % 0x7FFF_FFFF) + 1
            }
        };
        VerilatedEngine {
            model: self.lib.new_model(seed),
            after: [0; N_OUT],
            traced: self.traced,
            vcd: None,
        }
    }
}

/// One Verilated engine.
pub struct VerilatedEngine {
    model: ffi::Model,
    /// The outputs after the last rising edge.
    after: [u32; N_OUT],
    traced: bool,
    vcd: Option<(tempdir::Dir, Keys)>,
}

impl std::fmt::Debug for VerilatedEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("VerilatedEngine")
    }
}

mod tempdir {
    use std::path::PathBuf;

    /// A directory of our own for the VCD Verilator writes, removed with it.
    #[derive(Debug)]
    pub struct Dir(pub PathBuf);

    impl Dir {
        pub fn new() -> std::io::Result<Dir> {
            use std::sync::atomic::{AtomicU64, Ordering};
            static N: AtomicU64 = AtomicU64::new(0);
            let p = std::env::temp_dir().join(format!(
                "macsec-vcd-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed)
            ));
            std::fs::create_dir_all(&p)?;
            Ok(Dir(p))
        }
        pub fn file(&self) -> PathBuf {
            self.0.join("engine.vcd")
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

impl EngineModel for VerilatedEngine {
    fn name(&self) -> &'static str {
        "verilator"
    }

    fn low(&mut self, i: &EngineIn) -> EngineOut {
        let mut out = [0u32; N_OUT];
        self.model.low(&i.words(), &mut out);
        EngineOut::from_words(&out)
    }

    fn rise(&mut self) {
        self.model.rise(&mut self.after);
    }

    fn outputs(&self) -> EngineOut {
        EngineOut::from_words(&self.after)
    }

    fn vcd_start(&mut self, ps: u64, keys: Keys) {
        // Without tracing compiled in there is nothing to record; the CLI loads a traced
        // library whenever a waveform is asked for.
        if !self.traced {
            return;
        }
        let Ok(dir) = tempdir::Dir::new() else {
            return;
        };
        if self.model.vcd_open(&dir.file()) {
            self.model.vcd_dump(ps);
            self.vcd = Some((dir, keys));
        }
    }

    fn vcd_sample(&mut self, ps: u64) {
        if self.vcd.is_some() {
            self.model.vcd_dump(ps);
        }
    }

    fn vcd_take(&mut self) -> Vec<u8> {
        let Some((dir, keys)) = self.vcd.take() else {
            return Vec::new();
        };
        self.model.vcd_close();
        let raw = std::fs::read(dir.file()).unwrap_or_default();
        match keys {
            Keys::Include => raw,
            Keys::Redact => {
                let mut r = Redactor::new();
                r.push(&raw);
                r.take()
            }
        }
    }
}
