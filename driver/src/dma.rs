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
    /// Make CPU writes visible to the device before a doorbell (a store fence).
    fn flush(&self) {
        std::sync::atomic::fence(std::sync::atomic::Ordering::Release);
    }
}

/// Where DMA buffers come from.
pub trait DmaAllocator {
    /// A zeroed buffer of `len` octets, aligned to at least 4 KiB.
    fn alloc_dma(&self, len: usize) -> Result<Box<dyn DmaBuffer>>;
}

/// Little-endian helpers over a [`DmaBuffer`].
pub(crate) fn read_u32(b: &dyn DmaBuffer, off: usize) -> u32 {
    let mut w = [0u8; 4];
    b.read(off, &mut w);
    u32::from_le_bytes(w)
}
