//! The descriptor rings (Corundum semantics): a ring of 2^n 16-octet descriptors, free-running
//! 16-bit producer and consumer pointers, one doorbell write (PROD_PTR) per batch, and a
//! completion ring whose entries carry a phase bit, so the host polls memory, not registers.
//!
//! TX ring: the host posts frames to protect; the card writes one completion per descriptor.
//! RX ring: the host posts empty buffers; the card writes one completion per delivered frame.

use super::types::{Access::*, Block, Field, Format, Member, Register};
use super::{f, header, r};

/// Largest log2 ring size: 16-bit free-running pointers need size ≤ 2^15.
pub const MAX_LOG_SIZE: u32 = 15;

macro_rules! ring_block {
    ($name:literal, $base:expr, $type:expr, $next:expr, $doc:literal) => {
        pub const BASE: u32 = $base;
        pub const TYPE: u32 = super::super::VENDOR | $type;
        pub const VERSION: u32 = 0x0001_0000;
        pub const BASE_LO: Register = r(
            "BASE_LO",
            BASE + 0x0C,
            Rw,
            0,
            "Descriptor ring IOVA, low 32 bits (16-octet aligned).",
            &[],
        );
        pub const BASE_HI: Register = r(
            "BASE_HI",
            BASE + 0x10,
            Rw,
            0,
            "Descriptor ring IOVA, high 32 bits.",
            &[],
        );
        pub const LOG_SIZE: Register = r(
            "LOG_SIZE",
            BASE + 0x14,
            Rw,
            0,
            "log2 of the number of descriptors, 1..=15. Set while disabled.",
            &[],
        );
        pub const CTRL: Register = r(
            "CTRL",
            BASE + 0x18,
            Rw,
            0,
            "Ring control.",
            &[super::CTRL_ENABLE],
        );
        pub const STATUS: Register = r(
            "STATUS",
            BASE + 0x1C,
            W1c,
            0,
            "Ring state; error bits are write 1 to clear, and a ring whose errors are cleared runs again only if its configuration and pointers check out once more.",
            super::STATUS_FIELDS,
        );
        pub const PROD_PTR: Register = r(
            "PROD_PTR",
            BASE + 0x20,
            Rw,
            0,
            "Host's producer pointer, free-running 16 bits: the doorbell. At most the ring's size ahead of CONS_PTR (PTR_ERROR otherwise).",
            &[],
        );
        pub const CONS_PTR: Register = r(
            "CONS_PTR",
            BASE + 0x24,
            Ro,
            0,
            "Card's consumer pointer, free-running 16 bits.",
            &[],
        );
        pub const CPL_BASE_LO: Register = r(
            "CPL_BASE_LO",
            BASE + 0x28,
            Rw,
            0,
            "Completion ring IOVA, low 32 bits (32-octet aligned).",
            &[],
        );
        pub const CPL_BASE_HI: Register = r(
            "CPL_BASE_HI",
            BASE + 0x2C,
            Rw,
            0,
            "Completion ring IOVA, high 32 bits.",
            &[],
        );
        pub const CPL_LOG_SIZE: Register = r(
            "CPL_LOG_SIZE",
            BASE + 0x30,
            Rw,
            0,
            "log2 of the number of completion entries, 1..=15.",
            &[],
        );
        pub const CPL_PROD_PTR: Register = r(
            "CPL_PROD_PTR",
            BASE + 0x34,
            Ro,
            0,
            "Card's completion producer pointer (for checking; the phase bit is the fast path).",
            &[],
        );
        pub const CPL_CONS_PTR: Register = r(
            "CPL_CONS_PTR",
            BASE + 0x38,
            Rw,
            0,
            "Host's completion consumer pointer: entries up to here may be reused.",
            &[],
        );
        pub const DROPS: Register = r(
            "DROPS",
            BASE + 0x3C,
            Ro,
            0,
            "RX: frames dropped by the DMA side for any reason, the sum of the DROP_ registers (saturating, 0 on the TX ring).",
            &[],
        );
        pub const FRAMES: Register = r(
            "FRAMES",
            BASE + 0x40,
            Ro,
            0,
            "TX: descriptors completed (sent or discarded by the SecY). RX: frames written into host buffers with their completion. Saturating.",
            &[],
        );
        pub const DROP_DISABLED: Register = r(
            "DROP_DISABLED",
            BASE + 0x44,
            Ro,
            0,
            "RX: frames from the wire while CONTROL.ENABLE was clear; they never reached the SecY.",
            &[],
        );
        pub const DROP_STOPPED: Register = r(
            "DROP_STOPPED",
            BASE + 0x48,
            Ro,
            0,
            "RX: frames the SecY delivered while the ring was disabled or stopped by an error.",
            &[],
        );
        pub const DROP_NO_BUFFER: Register = r(
            "DROP_NO_BUFFER",
            BASE + 0x4C,
            Ro,
            0,
            "RX: frames the SecY delivered with no buffer posted.",
            &[],
        );
        pub const DROP_NO_COMPLETION: Register = r(
            "DROP_NO_COMPLETION",
            BASE + 0x50,
            Ro,
            0,
            "RX: frames the SecY delivered with the completion ring full.",
            &[],
        );
        pub const DROP_TOO_LONG: Register = r(
            "DROP_TOO_LONG",
            BASE + 0x54,
            Ro,
            0,
            "RX: frames the SecY delivered that were longer than the next buffer (which stays posted).",
            &[],
        );
        pub const DROP_RING_ERROR: Register = r(
            "DROP_RING_ERROR",
            BASE + 0x58,
            Ro,
            0,
            "RX: the frame being delivered when the ring stopped on a descriptor or DMA error.",
            &[],
        );
        pub const REGISTERS: &[Register] = &[
            header::TYPE.at(BASE, TYPE),
            header::VERSION.at(BASE, VERSION),
            header::NEXT.at(BASE, $next),
            BASE_LO,
            BASE_HI,
            LOG_SIZE,
            CTRL,
            STATUS,
            PROD_PTR,
            CONS_PTR,
            CPL_BASE_LO,
            CPL_BASE_HI,
            CPL_LOG_SIZE,
            CPL_PROD_PTR,
            CPL_CONS_PTR,
            DROPS,
            FRAMES,
            DROP_DISABLED,
            DROP_STOPPED,
            DROP_NO_BUFFER,
            DROP_NO_COMPLETION,
            DROP_TOO_LONG,
            DROP_RING_ERROR,
        ];
        pub const BLOCK: Block = Block {
            name: $name,
            base: BASE,
            type_id: TYPE,
            version: VERSION,
            doc: $doc,
            registers: REGISTERS,
        };
    };
}

pub const CTRL_ENABLE: Field = f(
    "ENABLE",
    0,
    1,
    "The card processes the ring while set. Base and sizes may change only while clear.",
);
pub const STATUS_ACTIVE: Field = f(
    "ACTIVE",
    0,
    1,
    "Read only: enabled and not stopped by an error.",
);
pub const STATUS_DMA_ERROR: Field = f("DMA_ERROR", 8, 1, "A DMA access failed; the ring stopped.");
pub const STATUS_DESC_ERROR: Field = f(
    "DESC_ERROR",
    9,
    1,
    "A descriptor was unusable (length 0 or over 16383); the ring stopped.",
);
pub const STATUS_CONFIG_ERROR: Field = f(
    "CONFIG_ERROR",
    10,
    1,
    "A size outside 1..=15 or an unaligned base when the ring was to run (enabled, or its errors cleared); the ring stays stopped until the configuration is fixed.",
);
pub const STATUS_PTR_ERROR: Field = f(
    "PTR_ERROR",
    11,
    1,
    "PROD_PTR more than the ring's size ahead of CONS_PTR (descriptors never posted), or CPL_CONS_PTR past CPL_PROD_PTR (completions never written); the ring stopped.",
);
pub const STATUS_FIELDS: &[Field] = &[
    STATUS_ACTIVE,
    STATUS_DMA_ERROR,
    STATUS_DESC_ERROR,
    STATUS_CONFIG_ERROR,
    STATUS_PTR_ERROR,
];

pub mod tx {
    use super::*;
    ring_block!(
        "TX_RING",
        0x400,
        0x0010,
        crate::regmap::rings::rx::BASE,
        "Host frames to protect and transmit."
    );
}

pub mod rx {
    use super::*;
    ring_block!(
        "RX_RING",
        0x500,
        0x0011,
        0,
        "Buffers for validated frames to the host."
    );
}

/// Why the DMA side dropped a received frame: each has its counter in the ring block. With the
/// SecY's counters they account for every frame that reaches a card, each in one final place:
///
/// * wire frames = `DROP_DISABLED` + the SecY's per-frame receive counters (10.6), and
/// * the SecY's delivering counters (InPktsOK, InPktsUntagged, …) + frames validateFrames Null
///   passes uncounted = `FRAMES` (in host buffers) + the other `DROP_` counters.
///
/// So a frame ends delivered to the host, discarded by the SecY under one counter, or dropped
/// by the DMA side under one reason.
/// In [`DropReason::ALL`] order, so `reason as usize` indexes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropReason {
    Disabled,
    Stopped,
    NoBuffer,
    NoCompletion,
    TooLong,
    RingError,
}

impl DropReason {
    pub const ALL: [DropReason; 6] = [
        DropReason::Disabled,
        DropReason::Stopped,
        DropReason::NoBuffer,
        DropReason::NoCompletion,
        DropReason::TooLong,
        DropReason::RingError,
    ];

    /// Its counter in the RX ring block.
    pub fn register(self) -> Register {
        match self {
            DropReason::Disabled => rx::DROP_DISABLED,
            DropReason::Stopped => rx::DROP_STOPPED,
            DropReason::NoBuffer => rx::DROP_NO_BUFFER,
            DropReason::NoCompletion => rx::DROP_NO_COMPLETION,
            DropReason::TooLong => rx::DROP_TOO_LONG,
            DropReason::RingError => rx::DROP_RING_ERROR,
        }
    }

    /// In words, for reports.
    pub fn describe(self) -> &'static str {
        match self {
            DropReason::Disabled => "while the card was disabled",
            DropReason::Stopped => "while the RX ring was stopped",
            DropReason::NoBuffer => "for want of a buffer",
            DropReason::NoCompletion => "for want of a completion slot",
            DropReason::TooLong => "too long for the buffer",
            DropReason::RingError => "when the RX ring failed",
        }
    }

    /// Whether the frame went through the SecY first.
    pub fn after_secy(self) -> bool {
        self != DropReason::Disabled
    }
}

/// The largest frame a descriptor may carry.
pub const MAX_FRAME: u32 = 16383;

pub const DESCRIPTOR: Format = Format {
    name: "DESCRIPTOR",
    size: 16,
    doc: "A TX or RX descriptor.",
    members: &[
        Member {
            name: "ADDR",
            offset: 0,
            bytes: 8,
            doc: "IOVA of the frame (TX) or of the empty buffer (RX).",
        },
        Member {
            name: "LEN",
            offset: 8,
            bytes: 4,
            doc: "Frame length (TX) or buffer size (RX), 1..=16383.",
        },
        Member {
            name: "FLAGS",
            offset: 12,
            bytes: 2,
            doc: "Reserved, 0.",
        },
        Member {
            name: "RSVD",
            offset: 14,
            bytes: 2,
            doc: "Reserved, 0.",
        },
    ],
};

/// Bit 31 of the completion's last word.
pub const PHASE_BIT: u32 = 0x8000_0000;
/// COMPLETION.FLAGS: the frame left on the wire (TX) or reached the host (RX).
pub const CPL_FLAG_PASSED: u32 = 0x1;
/// COMPLETION.SC when no receive SC applies.
pub const CPL_NO_SC: u16 = 0xFFFF;

pub const COMPLETION: Format = Format {
    name: "COMPLETION",
    size: 32,
    doc: "One per TX descriptor, and one per delivered RX frame. Valid when PHASE's bit 31 differs from bit log2(size) of the host's consumer pointer, as in Corundum.",
    members: &[
        Member { name: "INDEX", offset: 0, bytes: 2, doc: "Ring pointer of the descriptor this completes." },
        Member { name: "LEN", offset: 2, bytes: 2, doc: "TX: length sent on the wire (0 if discarded). RX: length of the delivered frame." },
        Member { name: "COUNTER", offset: 4, bytes: 1, doc: "The SecY counter the frame moved: its id in the counter catalogue (SecY scope)." },
        Member { name: "AN", offset: 5, bytes: 1, doc: "AN of the SA used, 0xFF if none." },
        Member { name: "SC", offset: 6, bytes: 2, doc: "RX: SC slot of the frame's SC, 0xFFFF if none." },
        Member { name: "PN", offset: 8, bytes: 8, doc: "The PN (recovered for XPN); 0 if none." },
        Member { name: "FLAGS", offset: 16, bytes: 4, doc: "Bit 0: transmitted (TX) or delivered (RX)." },
        Member { name: "RSVD", offset: 20, bytes: 8, doc: "Reserved, 0." },
        Member { name: "PHASE", offset: 28, bytes: 4, doc: "Bit 31: phase; other bits 0." },
    ],
};

pub const FORMATS: &[Format] = &[DESCRIPTOR, COMPLETION];
