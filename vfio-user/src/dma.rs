//! The client's memory as the card's DMA engine sees it: each DMA_MAP brings a file (QEMU's
//! memfd-backed guest RAM) and the IOVA range it backs; the server maps it shared and reaches
//! it only through raw copies, because the client's CPUs write it at the same time. While Bus
//! Master Enable is off every access faults, as a PCI function may not master the bus then.
#![allow(unsafe_code)]

use std::fs::File;

use macsec_model::card::{DmaFault, HostMemory};
use memmap2::{MmapOptions, MmapRaw};

/// One mapping: `len` octets of the client's memory at `iova` — or, when the client sent no
/// file (QEMU does so for ROM and device memory, which it cannot share), a range the card may
/// not reach: it is tracked so its unmap matches, and DMA into it faults.
#[derive(Debug)]
struct Map {
    iova: u64,
    len: u64,
    map: Option<MmapRaw>,
}

/// Every mapping the client has made, sorted by IOVA, never overlapping.
#[derive(Debug, Default)]
pub struct DmaMaps {
    maps: Vec<Map>,
    /// Config space's Bus Master Enable.
    pub bus_master: bool,
    /// Accesses refused because Bus Master Enable was off.
    pub refused: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum MapError {
    #[error("DMA_MAP at IOVA {iova:#x}: size {size:#x} is 0, not page-aligned or wraps")]
    Range { iova: u64, size: u64 },
    #[error("DMA_MAP at IOVA {iova:#x} overlaps an earlier map")]
    Overlap { iova: u64 },
    #[error("DMA_MAP at IOVA {iova:#x}: cannot map the file: {source}")]
    Mmap {
        iova: u64,
        #[source]
        source: std::io::Error,
    },
    #[error("DMA_UNMAP at IOVA {iova:#x} ({size:#x} octets) matches no map")]
    NoMap { iova: u64, size: u64 },
}

impl DmaMaps {
    pub fn map(
        &mut self,
        iova: u64,
        size: u64,
        file: Option<File>,
        offset: u64,
    ) -> Result<(), MapError> {
        let end = iova.checked_add(size);
        if size == 0 || iova % 4096 != 0 || size % 4096 != 0 || end.is_none() {
            return Err(MapError::Range { iova, size });
        }
        let end = end.unwrap_or(u64::MAX);
        let at = self.maps.partition_point(|m| m.iova < iova);
        let clash_prev = at > 0 && self.maps[at - 1].iova + self.maps[at - 1].len > iova;
        let clash_next = self.maps.get(at).is_some_and(|m| m.iova < end);
        if clash_prev || clash_next {
            return Err(MapError::Overlap { iova });
        }
        let map = match file {
            Some(file) => Some(
                MmapOptions::new()
                    .offset(offset)
                    .len(size as usize)
                    .map_raw(&file)
                    .map_err(|source| MapError::Mmap { iova, source })?,
            ),
            None => None,
        };
        self.maps.insert(
            at,
            Map {
                iova,
                len: size,
                map,
            },
        );
        Ok(())
    }

    /// Remove the maps inside `iova..iova+size` (a client unmaps what it mapped, in one piece
    /// or several); at least one must be there.
    pub fn unmap(&mut self, iova: u64, size: u64) -> Result<(), MapError> {
        let end = iova.saturating_add(size);
        let before = self.maps.len();
        self.maps
            .retain(|m| !(m.iova >= iova && m.iova.saturating_add(m.len) <= end));
        if self.maps.len() == before {
            return Err(MapError::NoMap { iova, size });
        }
        Ok(())
    }

    pub fn clear(&mut self) {
        self.maps.clear();
    }

    pub fn len(&self) -> usize {
        self.maps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.maps.is_empty()
    }

    /// Walk `iova..iova+len` map by map (a guest behind an IOMMU maps page by page, so one
    /// access may span several): `f(pointer, offset in the access, octets)`. The whole range
    /// is checked before `f` first runs, so a fault changes nothing.
    fn walk(
        &mut self,
        iova: u64,
        len: usize,
        mut f: impl FnMut(*mut u8, usize, usize),
    ) -> Result<(), DmaFault> {
        let fault = DmaFault { iova, len };
        if !self.bus_master {
            self.refused += 1;
            return Err(fault);
        }
        let first = self.maps.partition_point(|m| m.iova + m.len <= iova);
        for pass in 0..2 {
            let (mut done, mut at) = (0usize, first);
            while done < len {
                let a = iova.checked_add(done as u64).ok_or(fault)?;
                let m = self.maps.get(at).filter(|m| m.iova <= a).ok_or(fault)?;
                let raw = m.map.as_ref().ok_or(fault)?;
                let off = (a - m.iova) as usize;
                let take = (m.len as usize - off).min(len - done);
                if pass == 1 {
                    // SAFETY: `off + take <= m.len`, so the pointer and the `take` octets
                    // after it stay inside the live mapping.
                    f(unsafe { raw.as_mut_ptr().add(off) }, done, take);
                }
                done += take;
                at += 1;
            }
        }
        Ok(())
    }
}

impl HostMemory for DmaMaps {
    fn read(&mut self, iova: u64, buf: &mut [u8]) -> Result<(), DmaFault> {
        let dst = buf.as_mut_ptr();
        self.walk(iova, buf.len(), |p, at, n| {
            // SAFETY: `p..p+n` is inside a live mapping (`walk`), `dst+at..dst+at+n` inside
            // `buf`; the client's memory is never a Rust reference, so its concurrent writes
            // break no aliasing rule.
            unsafe { std::ptr::copy_nonoverlapping(p, dst.add(at), n) }
        })
    }

    fn write(&mut self, iova: u64, data: &[u8]) -> Result<(), DmaFault> {
        let src = data.as_ptr();
        self.walk(iova, data.len(), |p, at, n| {
            // SAFETY: as in `read`, the other way round.
            unsafe { std::ptr::copy_nonoverlapping(src.add(at), p, n) }
        })
    }
}
