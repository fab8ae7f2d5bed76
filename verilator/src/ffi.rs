//! The FFI boundary: the wrapper library loaded with `dlopen` and its ten calls. Everything
//! unsafe in this crate is here. The library is checked before use: its ABI version and its pin
//! counts must be this crate's, so a stale or foreign library is refused instead of being
//! called with arrays of the wrong size.
#![allow(unsafe_code)]

use std::ffi::{c_char, c_int, c_void, CString};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use crate::wrapper::{self, Top};
use crate::VerilatorError;

type NoArgU32 = unsafe extern "C" fn() -> u32;
type New = unsafe extern "C" fn(u32) -> *mut c_void;
type Free = unsafe extern "C" fn(*mut c_void);
type Low = unsafe extern "C" fn(*mut c_void, *const u32, *mut u32);
type Rise = unsafe extern "C" fn(*mut c_void, *mut u32);
type VcdOpen = unsafe extern "C" fn(*mut c_void, *const c_char) -> c_int;
type VcdDump = unsafe extern "C" fn(*mut c_void, u64);

/// The loaded library and its calls (the function pointers stay valid while `_lib` lives).
pub struct Lib {
    /// The pin words of the top it was built for (checked at load).
    n_in: usize,
    n_out: usize,
    new: New,
    free: Free,
    low: Low,
    rise: Rise,
    vcd_open: VcdOpen,
    vcd_dump: VcdDump,
    vcd_close: Free,
    _lib: libloading::Library,
}

impl std::fmt::Debug for Lib {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Lib")
    }
}

impl Lib {
    pub fn open(path: &Path, top: &Top) -> Result<Lib, VerilatorError> {
        let fail = |why: String| VerilatorError::Load {
            path: path.to_path_buf(),
            why,
        };
        // SAFETY: the library is one this crate generated and built (its path is in our cache);
        // loading it runs only the C++ runtime's static initializers.
        let lib = unsafe { libloading::Library::new(path) }.map_err(|e| fail(e.to_string()))?;
        macro_rules! sym {
            ($name:literal, $t:ty) => {{
                // SAFETY: the symbol is one of the wrapper's `extern "C"` calls, whose C
                // signature is the type named here (both come from `wrapper.rs`).
                let s: libloading::Symbol<$t> = unsafe { lib.get($name) }
                    .map_err(|e| fail(format!("{}: {e}", String::from_utf8_lossy($name))))?;
                *s
            }};
        }
        let abi = sym!(b"me_abi", NoArgU32);
        let n_in = sym!(b"me_inputs", NoArgU32);
        let n_out = sym!(b"me_outputs", NoArgU32);
        // SAFETY: calls without arguments that return constants.
        let (abi, n_in, n_out) = unsafe { (abi(), n_in(), n_out()) };
        let (want_in, want_out) = (top.in_words(), top.out_words());
        if abi != wrapper::ABI || n_in as usize != want_in || n_out as usize != want_out {
            return Err(fail(format!(
                "ABI {abi} with {n_in} input and {n_out} output words; {} needs ABI {} with {want_in} and {want_out}",
                top.module,
                wrapper::ABI
            )));
        }
        Ok(Lib {
            n_in: want_in,
            n_out: want_out,
            new: sym!(b"me_new", New),
            free: sym!(b"me_free", Free),
            low: sym!(b"me_low", Low),
            rise: sym!(b"me_rise", Rise),
            vcd_open: sym!(b"me_vcd_open", VcdOpen),
            vcd_dump: sym!(b"me_vcd_dump", VcdDump),
            vcd_close: sym!(b"me_vcd_close", Free),
            _lib: lib,
        })
    }

    /// A new model; `seed` (never 0) seeds its random power-up state, in a library built for
    /// one.
    pub fn new_model(self: &std::sync::Arc<Self>, seed: u32) -> Model {
        // SAFETY: me_new allocates a model and returns its handle (never null: C++ new throws
        // rather than returning null, and a throw would abort).
        let h = unsafe { (self.new)(seed) };
        Model {
            lib: self.clone(),
            h,
        }
    }
}

/// One Verilated model, freed on drop.
pub struct Model {
    lib: std::sync::Arc<Lib>,
    h: *mut c_void,
}

// SAFETY: the model is a plain C++ object (built without Verilator threads) reached only through
// `&mut self`, so one thread at a time uses it; nothing in it is tied to the creating thread.
unsafe impl Send for Model {}

impl Model {
    /// Inputs and outputs of the lengths the library reported at load (its top's pin words:
    /// the callers' arrays are sized from the same `Top`, so a mismatch is a bug here).
    pub fn low(&mut self, ins: &[u32], out: &mut [u32]) {
        assert!(ins.len() == self.lib.n_in && out.len() == self.lib.n_out);
        // SAFETY: `h` is live; the slices have the lengths the library reported at load
        // (checked above), which are all it reads and writes.
        unsafe { (self.lib.low)(self.h, ins.as_ptr(), out.as_mut_ptr()) }
    }

    pub fn rise(&mut self, out: &mut [u32]) {
        assert!(out.len() == self.lib.n_out);
        // SAFETY: as for `low`.
        unsafe { (self.lib.rise)(self.h, out.as_mut_ptr()) }
    }

    /// Open a VCD at `path`; false when tracing is not compiled in or the file cannot be opened.
    pub fn vcd_open(&mut self, path: &Path) -> bool {
        let Ok(p) = CString::new(path.as_os_str().as_bytes()) else {
            return false;
        };
        // SAFETY: `h` is live; `p` is a NUL-terminated path that outlives the call.
        unsafe { (self.lib.vcd_open)(self.h, p.as_ptr()) == 0 }
    }

    pub fn vcd_dump(&mut self, ps: u64) {
        // SAFETY: `h` is live; dumping without an open VCD does nothing.
        unsafe { (self.lib.vcd_dump)(self.h, ps) }
    }

    pub fn vcd_close(&mut self) {
        // SAFETY: `h` is live; closing without an open VCD does nothing.
        unsafe { (self.lib.vcd_close)(self.h) }
    }
}

impl Drop for Model {
    fn drop(&mut self) {
        // SAFETY: `h` came from me_new and is freed once, here.
        unsafe { (self.lib.free)(self.h) }
    }
}
