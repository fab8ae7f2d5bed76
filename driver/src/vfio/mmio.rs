//! BAR0 mapped into this process: 32-bit volatile loads and stores.
#![allow(unsafe_code)]

use std::os::fd::AsRawFd;

use memmap2::{MmapOptions, MmapRaw};

use crate::error::{DriverError, Result};

/// A mapped BAR.
pub struct Bar {
    map: MmapRaw,
}

impl Bar {
    /// Map `len` octets at `offset` of the VFIO device file (the BAR's region).
    pub fn map(device: &impl AsRawFd, offset: u64, len: usize) -> Result<Bar> {
        let map = MmapOptions::new()
            .offset(offset)
            .len(len)
            .map_raw(device.as_raw_fd())
            .map_err(|e| DriverError::Vfio(format!("mapping BAR0 ({len} octets): {e}")))?;
        Ok(Bar { map })
    }

    fn check(&self, offset: u32) -> Result<*mut u32> {
        let off = offset as usize;
        if off % 4 != 0 || off + 4 > self.map.len() {
            return Err(DriverError::Invalid(format!(
                "BAR0 offset {offset:#x} outside the {}-octet BAR",
                self.map.len()
            )));
        }
        // SAFETY: `off + 4 <= len` was checked above, so the pointer stays inside the mapping.
        Ok(unsafe { self.map.as_mut_ptr().add(off) }.cast::<u32>())
    }

    pub fn read32(&self, offset: u32) -> Result<u32> {
        let p = self.check(offset)?;
        // SAFETY: `p` is 4-aligned (the mapping is page-aligned and `offset % 4 == 0`) and inside
        // the live mapping; a volatile load is how device registers must be read.
        Ok(u32::from_le(unsafe { p.read_volatile() }))
    }

    pub fn write32(&self, offset: u32, value: u32) -> Result<()> {
        let p = self.check(offset)?;
        // SAFETY: as in `read32`; a volatile store reaches the device exactly once.
        unsafe { p.write_volatile(value.to_le()) };
        Ok(())
    }
}
