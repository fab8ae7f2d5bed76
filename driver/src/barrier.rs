//! The two memory barriers the driver needs around DMA memory, right on each architecture:
//!
//! - [`dma_wmb`] before a doorbell: descriptors and buffers written to DMA memory must be
//!   visible to the card before the MMIO write that tells it to look.
//! - [`dma_rmb`] between reading a completion's phase (or a producer pointer) and reading the
//!   rest of what the card wrote.
//!
//! x86-64 keeps stores in order and loads in order (TSO), and an uncached MMIO store is not
//! moved ahead of earlier stores to write-back memory, so a compiler fence suffices there (as
//! Linux's `dma_wmb`/`dma_rmb` are `barrier()` on x86). arm64 reorders both: Linux uses
//! `dmb oshst` and `dmb oshld` (the outer-shareable domain, which a DMA master is in); so does
//! this module. Any other architecture gets a full sequentially-consistent fence.
#![allow(unsafe_code)]

#[allow(unused_imports)]
use std::sync::atomic::{compiler_fence, fence, Ordering};

/// Order earlier stores to DMA memory before later stores (the doorbell).
#[inline]
pub fn dma_wmb() {
    #[cfg(target_arch = "x86_64")]
    compiler_fence(Ordering::SeqCst);
    #[cfg(target_arch = "aarch64")]
    // SAFETY: a barrier instruction; it reads and writes no memory and clobbers no register.
    unsafe {
        std::arch::asm!("dmb oshst", options(nostack, preserves_flags))
    };
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    fence(Ordering::SeqCst);
}

/// Order an earlier load from DMA memory (a phase bit, a pointer) before later loads.
#[inline]
pub fn dma_rmb() {
    #[cfg(target_arch = "x86_64")]
    compiler_fence(Ordering::SeqCst);
    #[cfg(target_arch = "aarch64")]
    // SAFETY: a barrier instruction; it reads and writes no memory and clobbers no register.
    unsafe {
        std::arch::asm!("dmb oshld", options(nostack, preserves_flags))
    };
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    fence(Ordering::SeqCst);
}
