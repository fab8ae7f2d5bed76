//! The 32 test vectors of IEEE 802.1AE-2018 Annex C, and one runner for any implementation of a
//! SecY (the golden model, the RTL simulation, a card under the driver): each implementation says
//! how it protects and validates a vector's frame, the runner compares bytes.
//!
//! The vectors are compiled in from `model/tests/data/` (provenance in its README), so nothing is
//! read at run time.

use serde::Deserialize;

use crate::cipher::{Backend, CipherSuite, Sak, Salt};
use crate::framebuf::FrameBuf;
use crate::hexstr::{parse_hex, parse_hex_array, parse_u64};
use crate::sci::Sci;
use crate::secy::{RxSaParams, SecY, SecYControls, TxSaParams};
use crate::wire::Tci;

const ANNEX_C_JSON: &str = include_str!("../tests/data/ieee-802.1ae-2018-annex-c.json");

/// One Annex C vector.
#[derive(Debug, Clone)]
pub struct AnnexCVector {
    pub id: String,
    pub suite: CipherSuite,
    pub confidentiality: bool,
    pub key: Sak,
    pub sci: Sci,
    pub sci_in_sectag: bool,
    /// The TCI/AN octet of the protected frame.
    pub tci_an: u8,
    /// The full PN (64 bits for XPN; only the low 32 travel).
    pub pn: u64,
    pub ssci: Option<u32>,
    pub salt: Option<Salt>,
    pub iv: [u8; 12],
    /// `DA ‖ SA ‖ User Data`.
    pub unprotected: Vec<u8>,
    /// The MPDU with DA and SA, as transmitted.
    pub protected: Vec<u8>,
}

#[derive(Deserialize)]
struct Raw {
    id: String,
    suite: String,
    mode: String,
    key: String,
    sci: String,
    sci_in_sectag: bool,
    tci_an: String,
    pn: String,
    ssci: Option<String>,
    salt: Option<String>,
    iv: String,
    unprotected_frame: String,
    protected_frame: String,
}

fn convert(r: Raw) -> Result<AnnexCVector, String> {
    let e = |what: &str, err: String| format!("{} {what}: {err}", r.id);
    Ok(AnnexCVector {
        suite: r.suite.parse().map_err(|x| e("suite", x))?,
        confidentiality: r.mode == "confidentiality",
        key: Sak::from_hex(&r.key).map_err(|x| e("key", x.to_string()))?,
        sci: r
            .sci
            .parse()
            .map_err(|x: crate::hexstr::ParseError| e("sci", x.to_string()))?,
        sci_in_sectag: r.sci_in_sectag,
        tci_an: parse_hex_array::<1>(&r.tci_an).map_err(|x| e("tci_an", x.to_string()))?[0],
        pn: parse_u64(&format!("0x{}", r.pn)).map_err(|x| e("pn", x.to_string()))?,
        ssci: match r.ssci {
            Some(s) => Some(u32::from_be_bytes(
                parse_hex_array::<4>(&s).map_err(|x| e("ssci", x.to_string()))?,
            )),
            None => None,
        },
        salt: match r.salt {
            Some(s) => Some(parse_hex_array::<12>(&s).map_err(|x| e("salt", x.to_string()))?),
            None => None,
        },
        iv: parse_hex_array::<12>(&r.iv).map_err(|x| e("iv", x.to_string()))?,
        unprotected: parse_hex(&r.unprotected_frame).map_err(|x| e("frame", x.to_string()))?,
        protected: parse_hex(&r.protected_frame).map_err(|x| e("frame", x.to_string()))?,
        id: r.id,
    })
}

/// All 32 vectors, C.1.1 to C.8.4.
pub fn annex_c() -> Result<Vec<AnnexCVector>, String> {
    let raw: Vec<Raw> = serde_json::from_str(ANNEX_C_JSON).map_err(|e| e.to_string())?;
    raw.into_iter().map(convert).collect()
}

impl AnnexCVector {
    pub fn an(&self) -> u8 {
        self.tci_an & Tci::AN_MASK
    }

    /// ES set in the vector's TCI: the SCI is implicit (source address ‖ 0001).
    pub fn end_station(&self) -> bool {
        self.tci_an & Tci::ES != 0
    }

    /// The controls a SecY needs to reproduce this vector.
    pub fn controls(&self) -> SecYControls {
        let mut c = SecYControls::new(self.suite);
        c.always_include_sci = self.sci_in_sectag;
        c.use_es = self.end_station();
        c
    }

    /// A SecY whose next transmitted frame is this vector's protected frame.
    pub fn transmitter(&self, backend: Backend) -> Result<SecY, String> {
        let mut secy = SecY::new(self.controls(), self.sci, backend).map_err(|e| e.to_string())?;
        let p = TxSaParams {
            sak: self.key.clone(),
            next_pn: self.pn,
            ssci: self.ssci,
            salt: self.salt,
            confidentiality: self.confidentiality,
            enable: true,
        };
        secy.install_tx_sa(self.an(), &p)
            .and_then(|_| secy.set_encoding_sa(self.an()))
            .map_err(|e| e.to_string())?;
        Ok(secy)
    }

    /// A SecY that accepts this vector's protected frame as InPktsOK.
    pub fn receiver(&self, backend: Backend) -> Result<SecY, String> {
        let mut secy = SecY::new(self.controls(), Sci(0), backend).map_err(|e| e.to_string())?;
        let p = RxSaParams {
            sak: self.key.clone(),
            next_pn: self.pn,
            lowest_pn: None,
            ssci: self.ssci,
            salt: self.salt,
            enable: true,
        };
        secy.add_rx_sc(self.sci)
            .and_then(|_| secy.install_rx_sa(self.sci, self.an(), &p))
            .map_err(|e| e.to_string())?;
        Ok(secy)
    }
}

/// Anything that can protect and validate single frames the way a vector describes.
pub trait Implementation {
    /// The frame transmitted for `v.unprotected`, configured as `v` says.
    fn protect(&mut self, v: &AnnexCVector) -> Result<Vec<u8>, String>;
    /// The frame delivered for `v.protected`, configured as `v` says.
    fn validate(&mut self, v: &AnnexCVector) -> Result<Vec<u8>, String>;
}

/// The golden model with one backend, as an [`Implementation`].
#[derive(Debug, Clone, Copy)]
pub struct GoldenModel(pub Backend);

impl Implementation for GoldenModel {
    fn protect(&mut self, v: &AnnexCVector) -> Result<Vec<u8>, String> {
        let mut secy = v.transmitter(self.0)?;
        let mut buf = FrameBuf::from(&v.unprotected[..]);
        let r = secy.protect(&mut buf);
        if !r.counter.transmits() {
            return Err(format!("not transmitted: {}", r.counter.name()));
        }
        Ok(buf.to_vec())
    }

    fn validate(&mut self, v: &AnnexCVector) -> Result<Vec<u8>, String> {
        let mut secy = v.receiver(self.0)?;
        let mut buf = FrameBuf::from(&v.protected[..]);
        let r = secy.validate(&mut buf);
        match r.counter {
            Some(crate::secy::RxCounter::OK) => Ok(buf.to_vec()),
            c => Err(format!("counted {c:?}, expected InPktsOK")),
        }
    }
}

/// Run every vector in both directions; the failures, one line each (empty when all pass).
pub fn run_annex_c(imp: &mut dyn Implementation) -> Result<Vec<String>, String> {
    let mut failures = Vec::new();
    for v in annex_c()? {
        match imp.protect(&v) {
            Ok(f) if f == v.protected => {}
            Ok(f) => failures.push(format!(
                "{} protect: got {}, want {}",
                v.id,
                hex::encode_upper(&f),
                hex::encode_upper(&v.protected)
            )),
            Err(e) => failures.push(format!("{} protect: {e}", v.id)),
        }
        match imp.validate(&v) {
            Ok(f) if f == v.unprotected => {}
            Ok(f) => failures.push(format!(
                "{} validate: got {}, want {}",
                v.id,
                hex::encode_upper(&f),
                hex::encode_upper(&v.unprotected)
            )),
            Err(e) => failures.push(format!("{} validate: {e}", v.id)),
        }
    }
    Ok(failures)
}

/// A transmitter (SA 0 from PN 1, confidentiality, SCI carried) and a receiver with the matching
/// receive SC and SA, replay protection off: the fixture of the benches and the load generators.
pub fn loopback_pair(
    suite: CipherSuite,
    backend: Backend,
    key: &Sak,
    tx_sci: Sci,
) -> Result<(SecY, SecY), crate::secy::ConfigError> {
    let mut c = SecYControls::new(suite);
    c.always_include_sci = true;
    c.replay_protect = false;
    let (ssci, salt) = if suite.is_xpn() {
        (Some(1), Some([0x5A; 12]))
    } else {
        (None, None)
    };
    let mut tx = SecY::new(c.clone(), tx_sci, backend)?;
    let tp = TxSaParams {
        sak: key.clone(),
        next_pn: 1,
        ssci,
        salt,
        confidentiality: true,
        enable: true,
    };
    tx.install_tx_sa(0, &tp)?;
    let mut rx = SecY::new(c, Sci(tx_sci.0 ^ 0xFFFF), backend)?;
    rx.add_rx_sc(tx_sci)?;
    let rp = RxSaParams {
        sak: key.clone(),
        next_pn: 1,
        lowest_pn: None,
        ssci,
        salt,
        enable: true,
    };
    rx.install_rx_sa(tx_sci, 0, &rp)?;
    Ok((tx, rx))
}

fn tools_required() -> bool {
    std::env::var("MACSEC_REQUIRE_TOOLS").is_ok_and(|v| v == "1")
}

/// What a test got from something that needs external tools (a build with them, say): the
/// value, or `None` after printing why the test skips — and a failure instead when
/// `MACSEC_REQUIRE_TOOLS=1`, as [`tool_available`] does.
pub fn or_skip<T, E: std::fmt::Display>(r: Result<T, E>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(e) => {
            assert!(!tools_required(), "{e} (MACSEC_REQUIRE_TOOLS=1)");
            eprintln!("skipped: {e}");
            None
        }
    }
}

/// Whether an external tool (gcc, yosys, verilator, iverilog, tshark) can run. When it cannot,
/// a test prints why and skips — unless `MACSEC_REQUIRE_TOOLS=1`, where a missing tool is a
/// failure (CI installs them all).
pub fn tool_available(tool: &str) -> bool {
    let ok = std::process::Command::new(tool)
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok();
    if !ok {
        assert!(
            !tools_required(),
            "{tool} is required (MACSEC_REQUIRE_TOOLS=1) but cannot run"
        );
        eprintln!("skipped: {tool} is not installed");
    }
    ok
}
