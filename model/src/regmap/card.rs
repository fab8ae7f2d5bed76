//! The first block: identity, capabilities, control and interrupts. Always at offset 0.

use super::types::{Access::*, Block, Field, Register};
use super::{f, header, r, VENDOR};

pub const BASE: u32 = 0x000;
pub const TYPE: u32 = VENDOR;
pub const VERSION: u32 = 0x0001_0000;
/// The value of ID: "MACS".
pub const ID_VALUE: u32 = 0x4D41_4353;
/// The register-map version this crate describes (major.minor in the two halves).
pub const MAP_VERSION: u32 = 0x0001_0000;

pub const ID: Register = r(
    "ID",
    BASE + 0x0C,
    Ro,
    ID_VALUE,
    "Card identity: 0x4D414353 (\"MACS\"). All-ones means the card is gone.",
    &[],
);
pub const MAP_VERSION_REG: Register = r(
    "MAP_VERSION",
    BASE + 0x10,
    Ro,
    MAP_VERSION,
    "Register-map version, major [31:16] and minor [15:0].",
    &[],
);

pub const CAPS0_RX_SCS: Field = f("RX_SCS", 0, 16, "Receive SCs in the SC table.");
pub const CAPS0_TX_SAS: Field = f("TX_SAS", 16, 4, "Transmit SAs (one per AN).");
pub const CAPS0_RX_SAS: Field = f("RX_SAS", 20, 4, "Receive SAs per receive SC (one per AN).");
pub const CAPS0: Register = r(
    "CAPS0",
    BASE + 0x14,
    Ro,
    0,
    "Table sizes (reset value depends on the build).",
    &[CAPS0_RX_SCS, CAPS0_TX_SAS, CAPS0_RX_SAS],
);

pub const CAPS1_KEYS: Field = f("KEYS", 0, 16, "Key slots in the key table.");
pub const CAPS1_SUITES: Field = f(
    "SUITES",
    16,
    4,
    "Cipher suites: bit 0 GCM-AES-128, 1 GCM-AES-256, 2 GCM-AES-XPN-128, 3 GCM-AES-XPN-256.",
);
pub const CAPS1_OFFSETS: Field = f(
    "OFFSETS",
    20,
    1,
    "Confidentiality offsets 30 and 50 supported.",
);
pub const CAPS1: Register = r(
    "CAPS1",
    BASE + 0x18,
    Ro,
    0,
    "Keys and cipher suites.",
    &[CAPS1_KEYS, CAPS1_SUITES, CAPS1_OFFSETS],
);

pub const CAPS2_WIDTH: Field = f("DATAPATH_BITS", 0, 16, "Datapath width in bits.");
pub const CAPS2_CLOCK: Field = f(
    "CLOCK_MHZ",
    16,
    16,
    "The datapath clock the design targets, in MHz (0 for a transaction-level model).",
);
pub const CAPS2: Register = r(
    "CAPS2",
    BASE + 0x1C,
    Ro,
    0,
    "Datapath width and clock.",
    &[CAPS2_WIDTH, CAPS2_CLOCK],
);

pub const CONTROL_RESET: Field = f(
    "RESET",
    0,
    1,
    "Write 1: reset tables, keys, counters, rings, interrupts and the datapaths (frames in flight are dropped, none leaves or counts after it). Reads 1 until done.",
);
pub const CONTROL_ENABLE: Field = f(
    "ENABLE",
    1,
    1,
    "Datapath enable: frames flow only while set.",
);
pub const CONTROL: Register = r(
    "CONTROL",
    BASE + 0x20,
    Rw,
    0,
    "Reset and datapath enable.",
    &[CONTROL_RESET, CONTROL_ENABLE],
);

pub const IRQ_TX_CPL: Field = f("TX_CPL", 0, 1, "A transmit completion was written.");
pub const IRQ_RX_CPL: Field = f("RX_CPL", 1, 1, "A receive completion was written.");
pub const IRQ_PN_THRESHOLD: Field = f(
    "PN_THRESHOLD",
    2,
    1,
    "A transmit SA reached the PN threshold (see SECY.TX_SA_THRESHOLD).",
);
pub const IRQ_PN_EXHAUSTED: Field = f(
    "PN_EXHAUSTED",
    3,
    1,
    "A transmit SA used its last PN (see SECY.TX_SA_EXHAUSTED).",
);
pub const IRQ_RING_ERROR: Field = f(
    "RING_ERROR",
    4,
    1,
    "A ring stopped on a DMA or descriptor error (see the ring's STATUS).",
);
pub const IRQ_RX_DROP: Field = f(
    "RX_DROP",
    5,
    1,
    "A received frame was dropped by the DMA side (RX_RING.DROPS and its DROP_ reasons).",
);
pub const IRQ_FIELDS: &[Field] = &[
    IRQ_TX_CPL,
    IRQ_RX_CPL,
    IRQ_PN_THRESHOLD,
    IRQ_PN_EXHAUSTED,
    IRQ_RING_ERROR,
    IRQ_RX_DROP,
];
/// Every interrupt cause: the mask of all the fields of IRQ_STATUS.
pub const IRQ_ALL: u32 = {
    let mut m = 0;
    let mut i = 0;
    while i < IRQ_FIELDS.len() {
        m |= IRQ_FIELDS[i].mask();
        i += 1;
    }
    m
};
pub const IRQ_STATUS: Register = r(
    "IRQ_STATUS",
    BASE + 0x24,
    W1c,
    0,
    "Interrupt causes; write 1 to clear. The interrupt is asserted while STATUS & MASK is not 0.",
    IRQ_FIELDS,
);
pub const IRQ_MASK: Register = r(
    "IRQ_MASK",
    BASE + 0x28,
    Rw,
    0,
    "1 enables the cause of the same bit.",
    IRQ_FIELDS,
);
pub const IRQ_ARM_ARMED: Field = f(
    "ARMED",
    0,
    1,
    "Reads 1 while the next pending cause sends a message; write 1 to re-arm.",
);
pub const IRQ_ARM: Register = r(
    "IRQ_ARM",
    BASE + 0x30,
    Cmd,
    1,
    "Message re-arm (MSI-X is an edge, one message per event): the card sends one message on vector 0 \
     when ARMED is 1 and IRQ_STATUS & IRQ_MASK is not 0, and clears ARMED as it sends. Writing 1 to \
     ARMED re-arms it; a cause still pending then sends the next message at once, so none is lost \
     between the host's clearing of IRQ_STATUS and its re-arm. Messages are not sent while PCI Bus \
     Master Enable is off (the vector's PBA bit holds it). The level line (STATUS & MASK) is not \
     affected.",
    &[IRQ_ARM_ARMED],
);
pub const SCRATCH: Register = r(
    "SCRATCH",
    BASE + 0x2C,
    Rw,
    0,
    "Free for software: a register-access check during bring-up.",
    &[],
);

pub const REGISTERS: &[Register] = &[
    header::TYPE.at(BASE, TYPE),
    header::VERSION.at(BASE, VERSION),
    header::NEXT.at(BASE, super::secy::BASE),
    ID,
    MAP_VERSION_REG,
    CAPS0,
    CAPS1,
    CAPS2,
    CONTROL,
    IRQ_STATUS,
    IRQ_MASK,
    SCRATCH,
    IRQ_ARM,
];
pub const BLOCK: Block = Block {
    name: "CARD",
    base: BASE,
    type_id: TYPE,
    version: VERSION,
    doc: "Identity, capabilities, reset and interrupts. Always at offset 0.",
    registers: REGISTERS,
};
