//! DMA memory for VFIO: anonymous mappings pinned and mapped into the card's IOMMU domain.
//! The CPU reaches them only through raw-pointer copies (never a Rust reference: the card may
//! write them at any time).
#![allow(unsafe_code)]

use std::sync::Arc;

use memmap2::{MmapOptions, MmapRaw};
use vfio_ioctls::VfioContainer;

use crate::dma::DmaBuffer;
use crate::error::{DriverError, Result};

pub struct VfioDma {
    map: MmapRaw,
    iova: u64,
    container: Arc<VfioContainer>,
}

impl VfioDma {
    pub fn new(container: Arc<VfioContainer>, iova: u64, len: usize) -> Result<VfioDma> {
        let len = len.div_ceil(4096) * 4096;
        let map: MmapRaw = MmapOptions::new()
            .len(len)
            .map_anon()
            .map_err(|e| DriverError::Dma(format!("{len} octets: {e}")))?
            .into();
        // SAFETY: the mapping is ours and lives until `drop`, which unmaps the IOVA first; from
        // here on the CPU touches it only through raw-pointer copies (`read`/`write`), as
        // `vfio_dma_map` requires.
        unsafe { container.vfio_dma_map(iova, len, map.as_mut_ptr()) }.map_err(|e| {
            DriverError::Dma(format!(
                "mapping {len} octets at IOVA {iova:#x}: {e} (is the memlock limit high enough? ulimit -l)"
            ))
        })?;
        Ok(VfioDma {
            map,
            iova,
            container,
        })
    }

    fn range(&self, offset: usize, len: usize) -> Option<*mut u8> {
        (offset.checked_add(len)? <= self.map.len())
            // SAFETY: the range was checked to lie inside the mapping.
            .then(|| unsafe { self.map.as_mut_ptr().add(offset) })
    }
}

impl DmaBuffer for VfioDma {
    fn iova(&self) -> u64 {
        self.iova
    }

    fn len(&self) -> usize {
        self.map.len()
    }

    fn read(&self, offset: usize, buf: &mut [u8]) {
        if let Some(p) = self.range(offset, buf.len()) {
            // SAFETY: `p..p+len` is inside the mapping and does not overlap `buf` (ours).
            unsafe { std::ptr::copy_nonoverlapping(p, buf.as_mut_ptr(), buf.len()) };
        }
    }

    fn write(&self, offset: usize, data: &[u8]) {
        if let Some(p) = self.range(offset, data.len()) {
            // SAFETY: `p..p+len` is inside the mapping and does not overlap `data`.
            unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), p, data.len()) };
        }
    }
}

impl Drop for VfioDma {
    fn drop(&mut self) {
        // The card must not reach this memory once it is unmapped from this process.
        let _ = self.container.vfio_dma_unmap(self.iova, self.map.len());
    }
}
