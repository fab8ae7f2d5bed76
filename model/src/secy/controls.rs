//! The SecY management controls of 802.1AE-2018 10.7 that shape the frame path.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

use crate::cipher::CipherSuite;

/// validateFrames (10.7.8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ValidateFrames {
    /// No processing at all: every frame goes to the Controlled Port unmodified (an EDE's bypass,
    /// 802.1AE-2018 10.6).
    Null,
    /// No validation; integrity-only frames are delivered with SecTAG and ICV removed.
    Disabled,
    /// Validate, but deliver integrity-only frames that fail (counted InPktsInvalid).
    Check,
    /// Validate and discard whatever fails (the default).
    #[default]
    Strict,
}

impl ValidateFrames {
    pub fn name(self) -> &'static str {
        match self {
            ValidateFrames::Null => "null",
            ValidateFrames::Disabled => "disabled",
            ValidateFrames::Check => "check",
            ValidateFrames::Strict => "strict",
        }
    }
}

impl fmt::Display for ValidateFrames {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ValidateFrames {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "null" => Ok(ValidateFrames::Null),
            "disabled" => Ok(ValidateFrames::Disabled),
            "check" => Ok(ValidateFrames::Check),
            "strict" => Ok(ValidateFrames::Strict),
            _ => Err(format!(
                "unknown validate mode {} (expected strict, check, disabled or null)",
                crate::hexstr::preview(s)
            )),
        }
    }
}

/// The replay window of XPN suites is capped at 2^30 − 1 on the frame path (10.7.8).
pub const XPN_MAX_REPLAY_WINDOW: u32 = (1 << 30) - 1;

/// The controls of one SecY. Per-SA settings (keys, PNs, confidentiality) live with the SAs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecYControls {
    /// The current cipher suite (10.7.25).
    pub cipher_suite: CipherSuite,
    /// protectFrames (10.7.17).
    pub protect_frames: bool,
    /// alwaysIncludeSCI (10.7.17).
    pub always_include_sci: bool,
    /// useES (10.7.17).
    pub use_es: bool,
    /// useSCB (10.7.17).
    pub use_scb: bool,
    /// confidentialityOffset: 0, 30 or 50 octets of User Data left clear (10.7.25).
    pub confidentiality_offset: u8,
    /// validateFrames (10.7.8).
    pub validate_frames: ValidateFrames,
    /// replayProtect (10.7.8).
    pub replay_protect: bool,
    /// replayWindow (10.7.8).
    pub replay_window: u32,
    /// The transmit PN at which the KaY is told to rekey.
    pub pn_threshold: u64,
    /// The Common Port's largest frame (DA..ICV, no FCS); larger protected frames count as
    /// OutPktsTooLong (10.5.5). `None`: only the suites' limit of 2^16 − 1 User Data octets.
    pub max_frame_len: Option<usize>,
}

impl SecYControls {
    /// The standard's defaults (10.7) for `suite`, except those Linux's `ip macsec` changes
    /// are left to the configuration layer.
    pub fn new(suite: CipherSuite) -> Self {
        SecYControls {
            cipher_suite: suite,
            protect_frames: true,
            always_include_sci: false,
            use_es: false,
            use_scb: false,
            confidentiality_offset: 0,
            validate_frames: ValidateFrames::Strict,
            replay_protect: true,
            replay_window: 0,
            pn_threshold: suite.default_pn_threshold(),
            max_frame_len: None,
        }
    }

    /// The replay window the frame path applies (capped for XPN).
    pub fn effective_replay_window(&self) -> u64 {
        if self.cipher_suite.is_xpn() {
            self.replay_window.min(XPN_MAX_REPLAY_WINDOW) as u64
        } else {
            self.replay_window as u64
        }
    }
}

impl<'de> Deserialize<'de> for ValidateFrames {
    /// From its name, as `FromStr` reads it (its error shows only a preview of the value).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::de::string(d, "validate")?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}
