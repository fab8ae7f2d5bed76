//! The counter window: select a counter, read LO (which latches all 64 bits), then HI. Every
//! counter the golden model keeps, per SecY, SC and SA, under its 802.1AE name.

use super::types::{Access::*, Block, Counter, Field, Register, Scope};
use super::{f, header, r};

pub mod window {
    use super::*;

    pub const BASE: u32 = 0x300;
    pub const TYPE: u32 = super::super::VENDOR | 0x0003;
    pub const VERSION: u32 = 0x0001_0000;

    pub const SEL_ID: Field = f(
        "ID",
        0,
        8,
        "Counter number within the scope (see the catalogue).",
    );
    pub const SEL_INDEX: Field = f("INDEX", 8, 16, "Entity: 0 for SecY and TxSC, the AN for TxSA, the SC slot for RxSC, SC slot × 4 + AN for RxSA.");
    pub const SEL_SCOPE: Field = f("SCOPE", 24, 4, "0 SecY, 1 TxSC, 2 TxSA, 3 RxSC, 4 RxSA.");
    pub const SEL: Register = r(
        "SEL",
        BASE + 0x0C,
        Rw,
        0,
        "Counter selection.",
        &[SEL_ID, SEL_INDEX, SEL_SCOPE],
    );
    pub const LO: Register = r("LO", BASE + 0x10, Ro, 0, "Reading latches the selected 64-bit counter and returns bits 31:0. An unknown or empty selection reads 0.", &[]);
    pub const HI: Register = r(
        "HI",
        BASE + 0x14,
        Ro,
        0,
        "Bits 63:32 of the value latched by the last LO read.",
        &[],
    );

    pub const REGISTERS: &[Register] = &[
        header::TYPE.at(BASE, TYPE),
        header::VERSION.at(BASE, VERSION),
        header::NEXT.at(BASE, crate::regmap::rings::tx::BASE),
        SEL,
        LO,
        HI,
    ];
    pub const BLOCK: Block = Block {
        name: "COUNTERS",
        base: BASE,
        type_id: TYPE,
        version: VERSION,
        doc: "64-bit counters, read atomically.",
        registers: REGISTERS,
    };
}

const fn c(scope: Scope, id: u32, name: &'static str, doc: &'static str) -> Counter {
    Counter {
        scope,
        id,
        name,
        doc,
    }
}

use Scope::*;

/// SecY scope: ids 0..11 are the receive counters of the 10.6 tree in the order of
/// [`crate::secy::RxCounter`], 12..17 the transmit counters of [`crate::secy::TxCounter`].
pub const COUNTERS: &[Counter] = &[
    c(
        SecY,
        0,
        "InPktsUntagged",
        "No SecTAG, validateFrames not Strict; delivered.",
    ),
    c(SecY, 1, "InPktsNoTag", "No SecTAG, Strict; discarded."),
    c(
        SecY,
        2,
        "InPktsBadTag",
        "Fails 9.12 (or E without C); discarded.",
    ),
    c(
        SecY,
        3,
        "InPktsNoSA",
        "No SC or SA in use, not Strict, C clear; delivered.",
    ),
    c(
        SecY,
        4,
        "InPktsNoSAError",
        "No SC or SA in use, Strict or C set; discarded.",
    ),
    c(
        SecY,
        5,
        "InPktsOverrun",
        "The ingress input FIFO was full at the frame's start or filled during it; discarded unchecked. The behavioral card never counts it.",
    ),
    c(
        SecY,
        6,
        "InPktsLate",
        "PN below the lowest acceptable, replayProtect; discarded.",
    ),
    c(
        SecY,
        7,
        "InPktsNotValid",
        "Not valid, Strict or C set; discarded.",
    ),
    c(
        SecY,
        8,
        "InPktsInvalid",
        "Not valid, Check, C clear; delivered.",
    ),
    c(
        SecY,
        9,
        "InPktsDelayed",
        "PN below the lowest acceptable, no replayProtect; delivered.",
    ),
    c(
        SecY,
        10,
        "InPktsUnchecked",
        "Not validated (Disabled); delivered.",
    ),
    c(SecY, 11, "InPktsOK", "Valid; delivered."),
    c(
        SecY,
        12,
        "OutPktsUntagged",
        "protectFrames off; sent unchanged.",
    ),
    c(
        SecY,
        13,
        "OutPktsTooLong",
        "Larger than MAX_FRAME_LEN; discarded.",
    ),
    c(SecY, 14, "OutPktsProtected", "Integrity only."),
    c(SecY, 15, "OutPktsEncrypted", "Confidentiality."),
    c(
        SecY,
        16,
        "OutPktsNoSA",
        "Not in 802.1AE: no usable transmit SA; discarded.",
    ),
    c(
        SecY,
        17,
        "OutPktsTooShort",
        "Not in 802.1AE: no User Data; discarded.",
    ),
    c(
        SecY,
        18,
        "InOctetsValidated",
        "User Data octets of integrity-only frames validated.",
    ),
    c(
        SecY,
        19,
        "InOctetsDecrypted",
        "User Data octets of frames decrypted.",
    ),
    c(
        SecY,
        20,
        "OutOctetsProtected",
        "User Data octets protected.",
    ),
    c(
        SecY,
        21,
        "OutOctetsEncrypted",
        "User Data octets encrypted.",
    ),
    c(
        SecY,
        22,
        "InPktsUnknownSCI",
        "802.1AE-2006: InPktsNoSA with no SC for the SCI.",
    ),
    c(
        SecY,
        23,
        "InPktsNoSCI",
        "802.1AE-2006: InPktsNoSAError with no SC for the SCI.",
    ),
    c(TxSc, 0, "OutPktsProtected", ""),
    c(TxSc, 1, "OutPktsEncrypted", ""),
    c(TxSc, 2, "OutOctetsProtected", ""),
    c(TxSc, 3, "OutOctetsEncrypted", ""),
    c(TxSa, 0, "OutPktsProtected", ""),
    c(TxSa, 1, "OutPktsEncrypted", ""),
    c(RxSc, 0, "InPktsOK", ""),
    c(RxSc, 1, "InPktsUnchecked", ""),
    c(RxSc, 2, "InPktsDelayed", ""),
    c(RxSc, 3, "InPktsLate", ""),
    c(RxSc, 4, "InPktsInvalid", ""),
    c(RxSc, 5, "InPktsNotValid", ""),
    c(
        RxSc,
        6,
        "InPktsUnusedSA",
        "802.1AE-2006: InPktsNoSA on this SC (SA not in use).",
    ),
    c(
        RxSc,
        7,
        "InPktsNotUsingSA",
        "802.1AE-2006: InPktsNoSAError on this SC (SA not in use).",
    ),
    c(RxSc, 8, "InOctetsValidated", ""),
    c(RxSc, 9, "InOctetsDecrypted", ""),
    c(RxSa, 0, "InPktsOK", ""),
    c(RxSa, 1, "InPktsInvalid", ""),
    c(RxSa, 2, "InPktsNotValid", ""),
    c(RxSa, 3, "InPktsUnusedSA", ""),
    c(RxSa, 4, "InPktsNotUsingSA", ""),
];

/// The catalogue entries of one scope.
pub fn of_scope(scope: Scope) -> impl Iterator<Item = &'static Counter> {
    COUNTERS.iter().filter(move |c| c.scope == scope)
}

/// Find a counter by scope and name.
pub fn find(scope: Scope, name: &str) -> Option<&'static Counter> {
    of_scope(scope).find(|c| c.name == name)
}
