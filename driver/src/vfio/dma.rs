//! DMA memory for VFIO: anonymous mappings pinned and mapped into the card's IOMMU domain.
#![allow(unsafe_code)]

use std::sync::Arc;

use memmap2::{MmapOptions, MmapRaw};
use vfio_ioctls::VfioContainer;

use crate::error::{DriverError, Result};
use crate::mapped::Mapped;

/// `len` octets (rounded up to pages) mapped for the card at `iova`.
pub fn alloc(container: Arc<VfioContainer>, iova: u64, len: usize) -> Result<Mapped> {
    let pages = len.div_ceil(4096) * 4096;
    let map: MmapRaw = MmapOptions::new()
        .len(pages)
        .map_anon()
        .map_err(|e| DriverError::backend(format!("allocating {pages} octets of DMA memory"), e))?
        .into();
    // SAFETY: the mapping is ours and lives until the buffer's release has unmapped the IOVA;
    // the CPU touches it only through raw-pointer copies, as `vfio_dma_map` requires.
    unsafe { container.vfio_dma_map(iova, pages, map.as_mut_ptr()) }.map_err(|e| {
        DriverError::backend(
            format!(
                "mapping {pages} octets at IOVA {iova:#x} (is the memlock limit high enough? ulimit -l)"
            ),
            e,
        )
    })?;
    let release = Box::new(move |iova: u64, len: usize| {
        let _ = container.vfio_dma_unmap(iova, len);
    });
    Ok(Mapped::new(map, iova, len, release))
}
