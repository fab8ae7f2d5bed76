//! The SecY block: the golden model's SecY controls, the transmit SCI, the PN threshold, the AN
//! switchover and the PN events; and the encodings of its enumerated fields.

use super::types::{Access::*, Block, Field, Register};
use super::{f, header, r, VENDOR};
use crate::cipher::CipherSuite;
use crate::secy::ValidateFrames;

pub const BASE: u32 = 0x100;
pub const TYPE: u32 = VENDOR | 0x0001;
pub const VERSION: u32 = 0x0001_0000;

pub const CTRL_PROTECT: Field = f("PROTECT_FRAMES", 0, 1, "protectFrames (10.7.17).");
pub const CTRL_ALWAYS_SCI: Field = f("ALWAYS_INCLUDE_SCI", 1, 1, "alwaysIncludeSCI.");
pub const CTRL_USE_ES: Field = f("USE_ES", 2, 1, "useES.");
pub const CTRL_USE_SCB: Field = f("USE_SCB", 3, 1, "useSCB.");
pub const CTRL_REPLAY: Field = f("REPLAY_PROTECT", 4, 1, "replayProtect (10.7.8).");
pub const CTRL_VALIDATE: Field = f(
    "VALIDATE_FRAMES",
    5,
    2,
    "validateFrames: 0 Disabled, 1 Check, 2 Strict, 3 Null.",
);
pub const CTRL_SUITE: Field = f(
    "CIPHER_SUITE",
    8,
    2,
    "0 GCM-AES-128, 1 GCM-AES-256, 2 GCM-AES-XPN-128, 3 GCM-AES-XPN-256. Changing it removes every SA and sets the suite's default PN threshold.",
);
pub const CTRL_OFFSET: Field = f(
    "CONF_OFFSET",
    10,
    6,
    "Confidentiality offset: 0, 30 or 50 (0 only for XPN). Anything else is refused: the write is ignored and ERROR set.",
);
pub const CTRL_ERROR: Field = f(
    "ERROR",
    31,
    1,
    "Read only: the last write was refused. Cleared by the next accepted write.",
);
/// Reset: protectFrames, validateFrames Strict, replayProtect (the standard's defaults, 10.7).
pub const CTRL_RESET: u32 = 0x0000_0051;
pub const CTRL: Register = r(
    "CTRL",
    BASE + 0x0C,
    Rw,
    CTRL_RESET,
    "The SecY controls (10.7).",
    &[
        CTRL_PROTECT,
        CTRL_ALWAYS_SCI,
        CTRL_USE_ES,
        CTRL_USE_SCB,
        CTRL_REPLAY,
        CTRL_VALIDATE,
        CTRL_SUITE,
        CTRL_OFFSET,
        CTRL_ERROR,
    ],
);
pub const REPLAY_WINDOW: Register = r(
    "REPLAY_WINDOW",
    BASE + 0x10,
    Rw,
    0,
    "replayWindow (XPN suites use at most 2^30-1).",
    &[],
);
pub const TX_SCI_LO: Register = r(
    "TX_SCI_LO",
    BASE + 0x14,
    Rw,
    0,
    "Transmit SCI, low 32 bits (the last two address octets and the port).",
    &[],
);
pub const TX_SCI_HI: Register = r(
    "TX_SCI_HI",
    BASE + 0x18,
    Rw,
    0,
    "Transmit SCI, high 32 bits (the first four address octets).",
    &[],
);
/// The default transmit PN threshold, three quarters of the PN space: PN_THRESHOLD_LO's reset
/// value, and what a change of cipher suite writes: LO = this and HI = 0 for a 32-bit PN suite,
/// LO = 0 and HI = this for an XPN suite.
pub const PN_THRESHOLD_DEFAULT: u32 = 0xC000_0000;
/// The largest replay window the XPN suites use (10.7.8); a larger REPLAY_WINDOW is capped.
pub const REPLAY_WINDOW_XPN_MAX: u32 = crate::secy::XPN_MAX_REPLAY_WINDOW;
pub const PN_THRESHOLD_LO: Register = r(
    "PN_THRESHOLD_LO",
    BASE + 0x1C,
    Rw,
    PN_THRESHOLD_DEFAULT,
    "Transmit PN at which an SA raises PN_THRESHOLD, low 32 bits.",
    &[],
);
pub const PN_THRESHOLD_HI: Register = r(
    "PN_THRESHOLD_HI",
    BASE + 0x20,
    Rw,
    0,
    "Transmit PN threshold, high 32 bits (XPN).",
    &[],
);
pub const MAX_FRAME_LEN: Register = r(
    "MAX_FRAME_LEN",
    BASE + 0x24,
    Rw,
    0,
    "Largest protected frame (DA to ICV) before OutPktsTooLong; 0: no limit.",
    &[],
);

pub const TX_AN_ENCODING: Field = f(
    "ENCODING_SA",
    0,
    2,
    "encodingSA: the AN of the next protected frame. Writable directly.",
);
pub const TX_AN_NEXT: Field = f("NEXT_AN", 4, 2, "The AN to switch to.");
pub const TX_AN_ARMED: Field = f(
    "ARMED",
    8,
    1,
    "Set by the host with NEXT_AN; the card moves ENCODING_SA to NEXT_AN before the next frame and clears it.",
);
pub const TX_AN: Register = r(
    "TX_AN",
    BASE + 0x28,
    Rw,
    0,
    "Transmit SA selection and switchover without losing a frame.",
    &[TX_AN_ENCODING, TX_AN_NEXT, TX_AN_ARMED],
);

pub const TX_SA_BITS: Field = f("AN", 0, 4, "One bit per transmit SA (bit n: AN n).");
pub const TX_SA_THRESHOLD: Register = r(
    "TX_SA_THRESHOLD",
    BASE + 0x2C,
    W1c,
    0,
    "Transmit SAs that reached the PN threshold; write 1 to clear.",
    &[TX_SA_BITS],
);
pub const TX_SA_EXHAUSTED: Register = r(
    "TX_SA_EXHAUSTED",
    BASE + 0x30,
    W1c,
    0,
    "Transmit SAs that used their last PN and stopped; write 1 to clear.",
    &[TX_SA_BITS],
);

pub const REGISTERS: &[Register] = &[
    header::TYPE.at(BASE, TYPE),
    header::VERSION.at(BASE, VERSION),
    header::NEXT.at(BASE, super::tables::window::BASE),
    CTRL,
    REPLAY_WINDOW,
    TX_SCI_LO,
    TX_SCI_HI,
    PN_THRESHOLD_LO,
    PN_THRESHOLD_HI,
    MAX_FRAME_LEN,
    TX_AN,
    TX_SA_THRESHOLD,
    TX_SA_EXHAUSTED,
];
pub const BLOCK: Block = Block {
    name: "SECY",
    base: BASE,
    type_id: TYPE,
    version: VERSION,
    doc: "The SecY: controls of 802.1AE-2018 10.7, transmit SCI, PN threshold, AN switchover and PN events.",
    registers: REGISTERS,
};

/// CIPHER_SUITE: the index in [`CipherSuite::ALL`] (Table 14-1 order).
pub fn suite_code(s: CipherSuite) -> u32 {
    CipherSuite::ALL.iter().position(|&x| x == s).unwrap_or(0) as u32
}

pub fn suite_from_code(c: u32) -> CipherSuite {
    CipherSuite::ALL[(c & 3) as usize]
}

/// VALIDATE_FRAMES: 0 Disabled, 1 Check, 2 Strict, 3 Null.
pub fn validate_code(v: ValidateFrames) -> u32 {
    match v {
        ValidateFrames::Disabled => 0,
        ValidateFrames::Check => 1,
        ValidateFrames::Strict => 2,
        ValidateFrames::Null => 3,
    }
}

pub fn validate_from_code(c: u32) -> ValidateFrames {
    match c & 3 {
        0 => ValidateFrames::Disabled,
        1 => ValidateFrames::Check,
        2 => ValidateFrames::Strict,
        _ => ValidateFrames::Null,
    }
}
