//! A DMA buffer in memory mapped into this process and shared with the card (VFIO's pinned
//! anonymous memory, or a memfd shared with a vfio-user server). The CPU reaches it only by raw
//! copies, never through a Rust reference: the card may write it at any time. Reads that hand
//! out a slice go through a scratch buffer kept with the mapping, so the frame path allocates
//! nothing once warm.
#![allow(unsafe_code)]

use std::sync::Mutex;

use memmap2::MmapRaw;

use crate::dma::DmaBuffer;

/// What to do when the buffer goes (unmap it from the card's view first).
pub type Release = Box<dyn FnOnce(u64, usize) + Send>;

pub struct Mapped {
    map: MmapRaw,
    iova: u64,
    len: usize,
    scratch: Mutex<Vec<u8>>,
    release: Option<Release>,
}

impl Mapped {
    /// `map` (at least `len` octets), known to the card at `iova`; `release` runs on drop,
    /// before the memory is unmapped from this process.
    pub fn new(map: MmapRaw, iova: u64, len: usize, release: Release) -> Mapped {
        Mapped {
            map,
            iova,
            len,
            scratch: Mutex::new(Vec::new()),
            release: Some(release),
        }
    }

    fn range(&self, offset: usize, len: usize) -> Option<*mut u8> {
        (offset.checked_add(len)? <= self.len.min(self.map.len()))
            // SAFETY: the range was checked to lie inside the mapping.
            .then(|| unsafe { self.map.as_mut_ptr().add(offset) })
    }
}

impl DmaBuffer for Mapped {
    fn iova(&self) -> u64 {
        self.iova
    }

    fn len(&self) -> usize {
        self.len
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

    fn with_bytes(&self, offset: usize, len: usize, f: &mut dyn FnMut(&[u8])) {
        let mut s = self.scratch.lock().unwrap_or_else(|e| e.into_inner());
        s.resize(len, 0);
        self.read(offset, &mut s);
        f(&s);
    }

    fn with_many(
        &self,
        ranges: &mut dyn Iterator<Item = (usize, usize)>,
        f: &mut dyn FnMut(&[u8]),
    ) {
        let mut s = self.scratch.lock().unwrap_or_else(|e| e.into_inner());
        for (offset, len) in ranges {
            s.resize(len, 0);
            self.read(offset, &mut s);
            f(&s);
        }
    }
}

impl Drop for Mapped {
    fn drop(&mut self) {
        // The card must not reach this memory once this process has let go of it.
        if let Some(r) = self.release.take() {
            r(self.iova, self.map.len());
        }
    }
}
