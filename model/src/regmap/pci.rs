//! The card as a PCI Express function: its identity in config space, its BARs, its MSI-X
//! vector and its reset. The vfio-user server presents exactly this, the driver checks it at
//! open, and the docs and the C header print it.

use serde::Serialize;

/// PCI vendor ID. 0x1234 is not assigned to anyone by the PCI-SIG; emulated and experimental
/// devices use it (QEMU's standard VGA does). A card built from this design carries its
/// maker's vendor ID instead.
pub const VENDOR_ID: u16 = 0x1234;
/// PCI device ID: "MS" (0x4D53), as in every block type of the register map.
pub const DEVICE_ID: u16 = 0x4D53;
/// Subsystem vendor and subsystem IDs.
pub const SUBSYSTEM_VENDOR_ID: u16 = VENDOR_ID;
pub const SUBSYSTEM_ID: u16 = 0x0001;
/// Revision ID: the register map's major version.
pub const REVISION_ID: u8 = (super::card::MAP_VERSION >> 16) as u8;
/// Class code (base class, subclass, programming interface): network controller, other.
pub const CLASS_CODE: u32 = 0x02_80_00;

/// The BAR holding the register map (64-bit, non-prefetchable memory).
pub const REGS_BAR: u32 = 0;
/// The BAR holding the MSI-X table and PBA (64-bit, non-prefetchable memory).
pub const MSIX_BAR: u32 = 2;
/// The size of the MSI-X BAR.
pub const MSIX_BAR_SIZE: u32 = 0x1000;
/// MSI-X table and PBA offsets inside [`MSIX_BAR`].
pub const MSIX_TABLE_OFFSET: u32 = 0x000;
pub const MSIX_PBA_OFFSET: u32 = 0x800;
/// MSI-X vectors: one, vector 0, carries every cause of IRQ_STATUS (re-armed by IRQ_ARM).
pub const MSIX_VECTORS: u16 = 1;
/// The card supports Function Level Reset (PCI Express Device Capabilities bit 28): it resets
/// the card as CONTROL.RESET does (keys, tables, counters, rings wiped) and clears Bus Master
/// Enable and the MSI-X enable with the rest of config space.
pub const FLR: bool = true;

/// One identity item, for the generated docs and header.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Item {
    pub name: &'static str,
    pub value: u32,
    pub doc: &'static str,
}

/// Everything above, for the generators.
pub const ITEMS: &[Item] = &[
    Item {
        name: "VENDOR_ID",
        value: VENDOR_ID as u32,
        doc: "PCI vendor ID (0x1234: unassigned, used by emulated devices; a real card has its maker's).",
    },
    Item {
        name: "DEVICE_ID",
        value: DEVICE_ID as u32,
        doc: "PCI device ID (\"MS\").",
    },
    Item {
        name: "SUBSYSTEM_VENDOR_ID",
        value: SUBSYSTEM_VENDOR_ID as u32,
        doc: "Subsystem vendor ID.",
    },
    Item {
        name: "SUBSYSTEM_ID",
        value: SUBSYSTEM_ID as u32,
        doc: "Subsystem ID.",
    },
    Item {
        name: "REVISION_ID",
        value: REVISION_ID as u32,
        doc: "Revision ID: the register map's major version.",
    },
    Item {
        name: "CLASS_CODE",
        value: CLASS_CODE,
        doc: "Class code: network controller (0x02), other (0x80), interface 0.",
    },
    Item {
        name: "REGS_BAR",
        value: REGS_BAR,
        doc: "BAR of the register map (64-bit memory, non-prefetchable, BAR0_SIZE octets).",
    },
    Item {
        name: "MSIX_BAR",
        value: MSIX_BAR,
        doc: "BAR of the MSI-X table and PBA (64-bit memory, non-prefetchable).",
    },
    Item {
        name: "MSIX_BAR_SIZE",
        value: MSIX_BAR_SIZE,
        doc: "Size of the MSI-X BAR.",
    },
    Item {
        name: "MSIX_TABLE_OFFSET",
        value: MSIX_TABLE_OFFSET,
        doc: "MSI-X table offset in the MSI-X BAR.",
    },
    Item {
        name: "MSIX_PBA_OFFSET",
        value: MSIX_PBA_OFFSET,
        doc: "MSI-X pending-bit array offset in the MSI-X BAR.",
    },
    Item {
        name: "MSIX_VECTORS",
        value: MSIX_VECTORS as u32,
        doc: "MSI-X vectors: vector 0 carries every cause; CARD.IRQ_ARM re-arms it.",
    },
    Item {
        name: "FLR",
        value: FLR as u32,
        doc: "Function Level Reset supported; it resets the card as CONTROL.RESET does.",
    },
];
