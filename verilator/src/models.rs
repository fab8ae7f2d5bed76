//! The Verilated tops behind their seams: the native engine as an [`EngineModel`], the AXI top
//! as an [`AxiModel`] (which `AxiBridge` puts behind the native seam). Both write waveforms
//! through Verilator's tracing into a file of their own, redacted as the rust-hdl VCDs are.

use macsec_hdl::engine::axi::pins::{AxiIn, AxiModel, AxiOut, N_AXI_OUT};
use macsec_hdl::engine::pins::{EngineIn, EngineModel, EngineOut, N_OUT};
use macsec_hdl::vcd_redact::{Keys, Redactor};

use crate::ffi;

/// A directory of our own for the VCD Verilator writes, removed with it.
#[derive(Debug)]
struct Dir(std::path::PathBuf);

impl Dir {
    fn new() -> std::io::Result<Dir> {
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
    fn file(&self) -> std::path::PathBuf {
        self.0.join("engine.vcd")
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A model's waveform: nothing unless tracing is compiled in (the CLI loads a traced library
/// whenever a waveform is asked for).
#[derive(Debug)]
struct Vcd {
    traced: bool,
    open: Option<(Dir, Keys)>,
}

impl Vcd {
    fn start(&mut self, m: &mut ffi::Model, ps: u64, keys: Keys) {
        if !self.traced {
            return;
        }
        let Ok(dir) = Dir::new() else {
            return;
        };
        if m.vcd_open(&dir.file()) {
            m.vcd_dump(ps);
            self.open = Some((dir, keys));
        }
    }

    fn sample(&mut self, m: &mut ffi::Model, ps: u64) {
        if self.open.is_some() {
            m.vcd_dump(ps);
        }
    }

    fn take(&mut self, m: &mut ffi::Model) -> Vec<u8> {
        let Some((dir, keys)) = self.open.take() else {
            return Vec::new();
        };
        m.vcd_close();
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

/// One Verilated engine (`macsec_engine`).
pub struct VerilatedEngine {
    model: ffi::Model,
    /// The outputs after the last rising edge.
    after: [u32; N_OUT],
    vcd: Vcd,
}

impl std::fmt::Debug for VerilatedEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("VerilatedEngine")
    }
}

impl VerilatedEngine {
    pub(crate) fn new(model: ffi::Model, traced: bool) -> VerilatedEngine {
        VerilatedEngine {
            model,
            after: [0; N_OUT],
            vcd: Vcd { traced, open: None },
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
        self.vcd.start(&mut self.model, ps, keys);
    }

    fn vcd_sample(&mut self, ps: u64) {
        self.vcd.sample(&mut self.model, ps);
    }

    fn vcd_take(&mut self) -> Vec<u8> {
        self.vcd.take(&mut self.model)
    }
}

/// One Verilated AXI top (`macsec_engine_axi`).
pub struct VerilatedAxi {
    model: ffi::Model,
    after: [u32; N_AXI_OUT],
    vcd: Vcd,
}

impl std::fmt::Debug for VerilatedAxi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("VerilatedAxi")
    }
}

impl VerilatedAxi {
    pub(crate) fn new(model: ffi::Model, traced: bool) -> VerilatedAxi {
        VerilatedAxi {
            model,
            after: [0; N_AXI_OUT],
            vcd: Vcd { traced, open: None },
        }
    }
}

impl AxiModel for VerilatedAxi {
    fn name(&self) -> &'static str {
        "verilator"
    }

    fn low(&mut self, i: &AxiIn) -> AxiOut {
        let mut out = [0u32; N_AXI_OUT];
        self.model.low(&i.words(), &mut out);
        AxiOut::from_words(&out)
    }

    fn rise(&mut self) {
        self.model.rise(&mut self.after);
    }

    fn outputs(&self) -> AxiOut {
        AxiOut::from_words(&self.after)
    }

    fn vcd_start(&mut self, ps: u64, keys: Keys) {
        self.vcd.start(&mut self.model, ps, keys);
    }

    fn vcd_sample(&mut self, ps: u64) {
        self.vcd.sample(&mut self.model, ps);
    }

    fn vcd_take(&mut self) -> Vec<u8> {
        self.vcd.take(&mut self.model)
    }
}
