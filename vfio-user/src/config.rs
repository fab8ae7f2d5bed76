//! The PCI function's configuration space as hardware has it: the type-0 header with the
//! register map's identity, two 64-bit memory BARs that size themselves, an MSI-X capability
//! and a PCI Express capability with Function Level Reset. Writes go through per-octet write
//! masks, so only bits a real function lets software change can change.

use macsec_model::regmap::{pci, test_bar, BAR0_SIZE};

pub const SIZE: usize = 4096;

pub const COMMAND: usize = 0x04;
pub const COMMAND_MEMORY: u16 = 1 << 1;
pub const COMMAND_BUS_MASTER: u16 = 1 << 2;
pub const COMMAND_INTX_DISABLE: u16 = 1 << 10;
const STATUS_CAP_LIST: u16 = 1 << 4;
const BAR: usize = 0x10;
const CAP_PTR: usize = 0x34;

/// MSI-X capability.
pub const MSIX_CAP: usize = 0x40;
pub const MSIX_CTRL_ENABLE: u16 = 1 << 15;
pub const MSIX_CTRL_MASK_ALL: u16 = 1 << 14;
/// PCI Express capability (version 2, endpoint).
pub const PCIE_CAP: usize = 0x50;
const PCIE_DEVCAP_FLR: u32 = 1 << 28;
pub const PCIE_DEVCTL: usize = PCIE_CAP + 0x08;
pub const PCIE_DEVCTL_FLR: u16 = 1 << 15;

/// What a config write asked the function to do besides storing bits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Effects {
    /// Initiate Function Level Reset was written.
    pub flr: bool,
}

#[derive(Clone)]
pub struct ConfigSpace {
    bytes: [u8; SIZE],
    wmask: [u8; SIZE],
}

impl std::fmt::Debug for ConfigSpace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConfigSpace")
            .field("command", &self.command())
            .finish_non_exhaustive()
    }
}

impl Default for ConfigSpace {
    fn default() -> Self {
        Self::new()
    }
}

/// The sizes of the six BARs (0: not implemented; a 64-bit BAR takes two slots).
pub const fn bar_size(bar: u32) -> u64 {
    if bar == pci::REGS_BAR {
        BAR0_SIZE as u64
    } else if bar == pci::MSIX_BAR {
        pci::MSIX_BAR_SIZE as u64
    } else if bar == test_bar::BAR {
        test_bar::SIZE as u64
    } else {
        0
    }
}

impl ConfigSpace {
    /// The function as it comes out of reset.
    pub fn new() -> ConfigSpace {
        let mut c = ConfigSpace {
            bytes: [0; SIZE],
            wmask: [0; SIZE],
        };
        c.put16(0x00, pci::VENDOR_ID);
        c.put16(0x02, pci::DEVICE_ID);
        c.put16(0x06, STATUS_CAP_LIST);
        c.put32(0x08, (pci::CLASS_CODE << 8) | pci::REVISION_ID as u32);
        c.put16(0x2C, pci::SUBSYSTEM_VENDOR_ID);
        c.put16(0x2E, pci::SUBSYSTEM_ID);
        c.bytes[CAP_PTR] = MSIX_CAP as u8;
        // Writable: command (memory, bus master, SERR, INTx disable), cache line size,
        // latency timer, interrupt line.
        c.mask16(
            COMMAND,
            COMMAND_MEMORY | COMMAND_BUS_MASTER | 1 << 8 | COMMAND_INTX_DISABLE,
        );
        c.wmask[0x0C] = 0xFF;
        c.wmask[0x0D] = 0xFF;
        c.wmask[0x3C] = 0xFF;
        // BARs: 64-bit memory, non-prefetchable (type bits 2:1 = 10); the address bits above
        // the size are writable, so writing all-ones reads back the size.
        for bar in [pci::REGS_BAR, pci::MSIX_BAR, test_bar::BAR] {
            let at = BAR + 4 * bar as usize;
            c.put32(at, 0b100);
            let size = bar_size(bar);
            c.mask32(at, !(size as u32 - 1) & !0xF);
            c.mask32(at + 4, u32::MAX);
        }
        // MSI-X: table size N-1, table and PBA in the MSI-X BAR.
        c.bytes[MSIX_CAP] = 0x11;
        c.bytes[MSIX_CAP + 1] = PCIE_CAP as u8;
        c.put16(MSIX_CAP + 2, pci::MSIX_VECTORS - 1);
        c.mask16(MSIX_CAP + 2, MSIX_CTRL_ENABLE | MSIX_CTRL_MASK_ALL);
        c.put32(MSIX_CAP + 4, pci::MSIX_TABLE_OFFSET | pci::MSIX_BAR);
        c.put32(MSIX_CAP + 8, pci::MSIX_PBA_OFFSET | pci::MSIX_BAR);
        // PCI Express: version 2, endpoint; FLR in Device Capabilities; Device Control's
        // usual bits writable (FLR is a command: it reads 0).
        c.bytes[PCIE_CAP] = 0x10;
        c.bytes[PCIE_CAP + 1] = 0;
        c.put16(PCIE_CAP + 2, 0x0002);
        c.put32(PCIE_CAP + 4, if pci::FLR { PCIE_DEVCAP_FLR } else { 0 });
        c.mask16(PCIE_DEVCTL, 0x7FFF);
        c
    }

    fn put16(&mut self, at: usize, v: u16) {
        self.bytes[at..at + 2].copy_from_slice(&v.to_le_bytes());
    }
    fn put32(&mut self, at: usize, v: u32) {
        self.bytes[at..at + 4].copy_from_slice(&v.to_le_bytes());
    }
    fn mask16(&mut self, at: usize, m: u16) {
        self.wmask[at..at + 2].copy_from_slice(&m.to_le_bytes());
    }
    fn mask32(&mut self, at: usize, m: u32) {
        self.wmask[at..at + 4].copy_from_slice(&m.to_le_bytes());
    }

    pub fn get16(&self, at: usize) -> u16 {
        u16::from_le_bytes([self.bytes[at], self.bytes[at + 1]])
    }
    pub fn get32(&self, at: usize) -> u32 {
        u32::from_le_bytes([
            self.bytes[at],
            self.bytes[at + 1],
            self.bytes[at + 2],
            self.bytes[at + 3],
        ])
    }

    pub fn command(&self) -> u16 {
        self.get16(COMMAND)
    }
    pub fn bus_master(&self) -> bool {
        self.command() & COMMAND_BUS_MASTER != 0
    }
    pub fn msix_control(&self) -> u16 {
        self.get16(MSIX_CAP + 2)
    }

    /// Read `out.len()` octets at `offset`; false when the range leaves config space.
    pub fn read(&self, offset: usize, out: &mut [u8]) -> bool {
        match offset.checked_add(out.len()).filter(|&e| e <= SIZE) {
            Some(end) => {
                out.copy_from_slice(&self.bytes[offset..end]);
                true
            }
            None => false,
        }
    }

    /// Write `data` at `offset` through the write masks; `None` when the range leaves config
    /// space.
    pub fn write(&mut self, offset: usize, data: &[u8]) -> Option<Effects> {
        let end = offset.checked_add(data.len()).filter(|&e| e <= SIZE)?;
        let mut fx = Effects::default();
        for (i, &v) in (offset..end).zip(data) {
            let m = self.wmask[i];
            self.bytes[i] = (self.bytes[i] & !m) | (v & m);
            // Initiate Function Level Reset: bit 15 of Device Control (octet 1, bit 7).
            if i == PCIE_DEVCTL + 1 && v & 0x80 != 0 && pci::FLR {
                fx.flr = true;
            }
        }
        Some(fx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w32(c: &mut ConfigSpace, at: usize, v: u32) -> Effects {
        c.write(at, &v.to_le_bytes()).unwrap()
    }

    #[test]
    fn identity_comes_from_the_register_map() {
        let c = ConfigSpace::new();
        assert_eq!(c.get16(0), pci::VENDOR_ID);
        assert_eq!(c.get16(2), pci::DEVICE_ID);
        assert_eq!(c.get32(8) >> 8, pci::CLASS_CODE);
        assert_eq!(c.get16(0x2E), pci::SUBSYSTEM_ID);
        assert!(!c.bus_master(), "bus master is off out of reset");
    }

    #[test]
    fn bars_size_themselves() {
        let mut c = ConfigSpace::new();
        for (bar, size) in [(0usize, BAR0_SIZE as u64), (2, pci::MSIX_BAR_SIZE as u64)] {
            w32(&mut c, BAR + 4 * bar, u32::MAX);
            w32(&mut c, BAR + 4 * bar + 4, u32::MAX);
            let lo = c.get32(BAR + 4 * bar) as u64;
            let hi = c.get32(BAR + 4 * bar + 4) as u64;
            assert_eq!(lo & 0xF, 0b100, "64-bit memory BAR");
            let mask = (hi << 32 | lo) & !0xF;
            assert_eq!(!mask + 1, size, "BAR{bar}");
        }
        // The test BAR is BAR4 (and BAR5, its upper half); an unimplemented BAR reads 0
        // whatever is written: there is none left, so check the ROM BAR stays 0.
        w32(&mut c, 0x30, u32::MAX);
        assert_eq!(c.get32(0x30), 0);
    }

    #[test]
    fn only_writable_bits_change_and_flr_is_seen() {
        let mut c = ConfigSpace::new();
        w32(&mut c, 0, 0);
        assert_eq!(c.get16(0), pci::VENDOR_ID);
        c.write(COMMAND, &0xFFFFu16.to_le_bytes()).unwrap();
        assert!(c.bus_master());
        assert_eq!(c.command() & 1, 0, "no I/O space");
        let fx = c
            .write(PCIE_DEVCTL, &PCIE_DEVCTL_FLR.to_le_bytes())
            .unwrap();
        assert!(fx.flr);
        assert_eq!(c.get16(PCIE_DEVCTL) & PCIE_DEVCTL_FLR, 0, "FLR reads 0");
        assert!(c.write(SIZE - 2, &[0; 4]).is_none());
        // The capability chain: MSI-X then PCI Express, then the end.
        assert_eq!(c.bytes[CAP_PTR] as usize, MSIX_CAP);
        assert_eq!(c.bytes[MSIX_CAP], 0x11);
        assert_eq!(c.bytes[MSIX_CAP + 1] as usize, PCIE_CAP);
        assert_eq!(c.bytes[PCIE_CAP], 0x10);
        assert_eq!(c.bytes[PCIE_CAP + 1], 0);
        assert_eq!(c.get32(PCIE_CAP + 4) & PCIE_DEVCAP_FLR, PCIE_DEVCAP_FLR);
    }
}
