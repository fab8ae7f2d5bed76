//! DMA memory: buffers the card reads and writes by IOVA and the CPU reaches through this
//! interface only (never through a Rust reference, which the device could change underneath).

use crate::error::Result;

/// One contiguous DMA buffer.
pub trait DmaBuffer: Send {
    /// The address the card uses.
    fn iova(&self) -> u64;
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Copy `buf.len()` octets at `offset` out of the buffer.
    fn read(&self, offset: usize, buf: &mut [u8]);
    /// Copy `data` into the buffer at `offset`.
    fn write(&self, offset: usize, data: &[u8]);
    /// Several writes at once (the frames of a batch): one call, so a backend can lock once.
    fn write_many(&self, writes: &mut dyn Iterator<Item = (usize, &[u8])>) {
        for (offset, data) in writes {
            self.write(offset, data);
        }
    }
    /// Read a 32-octet completion entry at `offset` whose last word holds the phase bit: the
    /// phase is read first and the rest only after a DMA read barrier, so a half-written entry is
    /// never taken for a whole one. A backend whose memory cannot change during the read (the
    /// simulation) may do it in one copy.
    fn read_entry(&self, offset: usize, entry: &mut [u8; 32]) {
        let mut phase = [0u8; 4];
        self.read(offset + 28, &mut phase);
        crate::barrier::dma_rmb();
        self.read(offset, entry);
        entry[28..].copy_from_slice(&phase);
    }
    /// Read consecutive completion entries into `buf` (a multiple of 32 octets), each with
    /// [`DmaBuffer::read_entry`]'s ordering.
    fn read_entries(&self, offset: usize, buf: &mut [u8]) {
        for (i, chunk) in buf.chunks_exact_mut(32).enumerate() {
            let mut e = [0u8; 32];
            self.read_entry(offset + 32 * i, &mut e);
            chunk.copy_from_slice(&e);
        }
    }
    /// Hand `len` octets at `offset` to `f`: a copy by default, in place where the backend can.
    fn with_bytes(&self, offset: usize, len: usize, f: &mut dyn FnMut(&[u8])) {
        let mut tmp = vec![0u8; len];
        self.read(offset, &mut tmp);
        f(&tmp);
    }
    /// [`DmaBuffer::with_bytes`] for several ranges, in order, in one call.
    fn with_many(
        &self,
        ranges: &mut dyn Iterator<Item = (usize, usize)>,
        f: &mut dyn FnMut(&[u8]),
    ) {
        for (offset, len) in ranges {
            self.with_bytes(offset, len, f);
        }
    }
    /// Make CPU writes visible to the device before a doorbell (a store barrier).
    fn flush(&self) {
        crate::barrier::dma_wmb();
    }
}

/// Where DMA buffers come from.
pub trait DmaAllocator {
    /// A zeroed buffer of `len` octets, aligned to at least 4 KiB.
    fn alloc_dma(&self, len: usize) -> Result<Box<dyn DmaBuffer>>;
}
