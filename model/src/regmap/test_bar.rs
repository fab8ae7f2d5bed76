//! The test BAR of a *served* card (`macsec serve`): the harness's side channel to the card's
//! wire and faults, reachable from wherever the driver runs — a guest's userspace through VFIO
//! included — as BAR4 of the PCI function. It is not part of the card: hardware has no such
//! BAR, and the driver never touches it; only the conformance suite's port does.

use serde::Serialize;

/// BAR index and size.
pub const BAR: u32 = 4;
pub const SIZE: u32 = 0x8000;

/// "MTST".
pub const ID_VALUE: u32 = 0x4D54_5354;

/// One register of the test BAR.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct TestReg {
    pub name: &'static str,
    pub offset: u32,
    pub doc: &'static str,
}

const fn r(name: &'static str, offset: u32, doc: &'static str) -> TestReg {
    TestReg { name, offset, doc }
}

pub const ID: TestReg = r("ID", 0x00, "Reads 0x4D545354 (\"MTST\").");
pub const FAULTS: TestReg = r(
    "FAULTS",
    0x04,
    "RW. Bit n set: fault n of FAULT_BITS on. Bit 31 (GONE): the function stops answering \
     (BAR0 reads all-ones, writes are lost).",
);
pub const LOSE_MESSAGES: TestReg = r(
    "LOSE_MESSAGES",
    0x08,
    "RW. This many of the next MSI-X messages are lost on the way.",
);
pub const WIRE_CAPTURE: TestReg = r(
    "WIRE_CAPTURE",
    0x0C,
    "RW. 1: frames the card sends are held for CAPTURE_NEXT (the harness is the wire); 0: they \
     go to the peer card, if any (else they are held).",
);
pub const IDLE: TestReg = r(
    "IDLE",
    0x10,
    "RO. 1 once the card has done everything it can without the host (no frame waiting to \
     enter, the last run did nothing); a register write or an injected frame clears it.",
);
pub const CAPTURED: TestReg = r("CAPTURED", 0x14, "RO. Frames held for CAPTURE_NEXT.");
pub const INJECT: TestReg = r(
    "INJECT",
    0x18,
    "WO. Write N: the first N octets of FRAME (1..=16384) arrive at the card from the wire.",
);
pub const CAPTURE_NEXT: TestReg = r(
    "CAPTURE_NEXT",
    0x1C,
    "RO, read has an effect: the next held frame is moved into FRAME and its length returned \
     (0: none).",
);
pub const MESSAGES_SENT: TestReg = r(
    "MESSAGES_SENT",
    0x20,
    "RO. MSI-X messages sent (low 32 bits).",
);
pub const MESSAGES_LOST: TestReg = r(
    "MESSAGES_LOST",
    0x24,
    "RO. MSI-X messages lost by LOSE_MESSAGES.",
);
pub const DMA_REFUSED: TestReg = r(
    "DMA_REFUSED",
    0x28,
    "RO. DMA accesses refused because Bus Master Enable was off.",
);
pub const RESETS: TestReg = r("RESETS", 0x2C, "RO. Function resets (FLR or DEVICE_RESET).");
pub const DMA_LO: TestReg = r(
    "DMA_LO",
    0x30,
    "RW. IOVA of a 16 KiB buffer in the host's DMA memory for INJECT_DMA and CAPTURE_DMA \
     (low 32 bits; 4-octet aligned).",
);
pub const DMA_HI: TestReg = r("DMA_HI", 0x34, "RW. The buffer's IOVA, high 32 bits.");
pub const INJECT_DMA: TestReg = r(
    "INJECT_DMA",
    0x38,
    "WO. Write N: the card reads N octets (1..=16384) from the DMA buffer and they arrive from \
     the wire — a frame in two register accesses instead of one per word.",
);
pub const CAPTURE_DMA: TestReg = r(
    "CAPTURE_DMA",
    0x3C,
    "RO, read has an effect: the next held frame is written into the DMA buffer and its length \
     returned (0: none; all-ones: the DMA failed).",
);
/// The frame window.
pub const FRAME: u32 = 0x4000;
pub const FRAME_SIZE: u32 = 0x4000;

/// FAULTS bit 31.
pub const FAULT_GONE: u32 = 1 << 31;
/// The card faults by bit, as `macsec_model::card::Fault` lists them.
pub const FAULT_BITS: &[&str] = &[
    "STUCK_BUSY",
    "ALL_ONES",
    "DMA_ERROR",
    "BAD_PHASE",
    "EXTRA_COMPLETION",
    "HUGE_LENGTH",
];

pub const REGISTERS: &[TestReg] = &[
    ID,
    FAULTS,
    LOSE_MESSAGES,
    WIRE_CAPTURE,
    IDLE,
    CAPTURED,
    INJECT,
    CAPTURE_NEXT,
    MESSAGES_SENT,
    MESSAGES_LOST,
    DMA_REFUSED,
    RESETS,
    DMA_LO,
    DMA_HI,
    INJECT_DMA,
    CAPTURE_DMA,
];
