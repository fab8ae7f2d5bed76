//! The simulated backend: a card model in this process, its BAR0 reached through
//! [`RegisterIo`], host memory that the card reaches by IOVA, and its interrupt line.
//! Any [`CardModel`] plugs in: the behavioral card now, the rust-hdl card later.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use macsec_model::card::{CardModel, DmaFault, HostMemory};

use crate::dma::{DmaAllocator, DmaBuffer};
use crate::error::{DriverError, Result};
use crate::irq::Interrupts;
use crate::regif::RegisterIo;

/// First IOVA handed out: above 4 GiB, so 64-bit addressing is exercised.
const IOVA_BASE: u64 = 0x1_0000_0000;

/// Host memory of the simulation, by IOVA.
#[derive(Debug, Default)]
pub struct SimMemory {
    regions: BTreeMap<u64, Vec<u8>>,
    next: u64,
}

impl SimMemory {
    fn region(
        &mut self,
        iova: u64,
        len: usize,
    ) -> std::result::Result<(&mut Vec<u8>, usize), DmaFault> {
        let fault = DmaFault { iova, len };
        let (&start, data) = self.regions.range_mut(..=iova).next_back().ok_or(fault)?;
        let off = (iova - start) as usize;
        if off + len > data.len() {
            return Err(fault);
        }
        Ok((data, off))
    }
}

impl HostMemory for SimMemory {
    fn read(&mut self, iova: u64, buf: &mut [u8]) -> std::result::Result<(), DmaFault> {
        let (data, off) = self.region(iova, buf.len())?;
        buf.copy_from_slice(&data[off..off + buf.len()]);
        Ok(())
    }

    fn write(&mut self, iova: u64, src: &[u8]) -> std::result::Result<(), DmaFault> {
        let (data, off) = self.region(iova, src.len())?;
        data[off..off + src.len()].copy_from_slice(src);
        Ok(())
    }
}

/// One register access, for tests that count what the driver does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Access {
    pub write: bool,
    pub offset: u32,
    pub value: u32,
}

struct Shared<C> {
    card: C,
    trace: Option<Vec<Access>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere must not take the simulation down with it.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A simulated card and its host memory.
pub struct SimDevice<C: CardModel> {
    shared: Arc<Mutex<Shared<C>>>,
    mem: Arc<Mutex<SimMemory>>,
}

impl<C: CardModel> Clone for SimDevice<C> {
    fn clone(&self) -> Self {
        SimDevice {
            shared: self.shared.clone(),
            mem: self.mem.clone(),
        }
    }
}

impl<C: CardModel> std::fmt::Debug for SimDevice<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SimDevice")
    }
}

impl<C: CardModel> SimDevice<C> {
    pub fn new(card: C) -> Self {
        SimDevice {
            shared: Arc::new(Mutex::new(Shared { card, trace: None })),
            mem: Arc::new(Mutex::new(SimMemory {
                regions: BTreeMap::new(),
                next: IOVA_BASE,
            })),
        }
    }

    /// Let the card do its pending work; true if it did anything.
    pub fn run(&self) -> bool {
        let mut s = lock(&self.shared);
        let mut m = lock(&self.mem);
        s.card.run(&mut *m)
    }

    /// Direct access to the card (the lab's wire, fault switches, scoreboards).
    pub fn with_card<R>(&self, f: impl FnOnce(&mut C) -> R) -> R {
        f(&mut lock(&self.shared).card)
    }

    /// Start recording register accesses (replacing any earlier record).
    pub fn start_trace(&self) {
        lock(&self.shared).trace = Some(Vec::new());
    }

    /// Stop recording and return what was recorded.
    pub fn take_trace(&self) -> Vec<Access> {
        lock(&self.shared).trace.take().unwrap_or_default()
    }
}

impl<C: CardModel> RegisterIo for SimDevice<C> {
    fn read32(&self, offset: u32) -> Result<u32> {
        let mut s = lock(&self.shared);
        let v = s.card.read32(offset);
        if let Some(t) = s.trace.as_mut() {
            t.push(Access {
                write: false,
                offset,
                value: v,
            });
        }
        Ok(v)
    }

    fn write32(&self, offset: u32, value: u32) -> Result<()> {
        let mut s = lock(&self.shared);
        s.card.write32(offset, value);
        if let Some(t) = s.trace.as_mut() {
            t.push(Access {
                write: true,
                offset,
                value,
            });
        }
        // The card reacts to a write (a doorbell, a command) at once.
        let mut m = lock(&self.mem);
        s.card.run(&mut *m);
        Ok(())
    }
}

impl<C: CardModel> Interrupts for SimDevice<C> {
    fn wait_irq(&self, _timeout: Duration) -> Result<bool> {
        // Simulated time only moves when the card works, so waiting longer changes nothing.
        self.run();
        Ok(lock(&self.shared).card.irq())
    }
}

/// A DMA buffer in [`SimMemory`].
struct SimDma {
    mem: Arc<Mutex<SimMemory>>,
    iova: u64,
    len: usize,
}

impl DmaBuffer for SimDma {
    fn iova(&self) -> u64 {
        self.iova
    }
    fn len(&self) -> usize {
        self.len
    }
    fn read(&self, offset: usize, buf: &mut [u8]) {
        let m = lock(&self.mem);
        if let Some(d) = m.regions.get(&self.iova) {
            let end = (offset + buf.len()).min(d.len());
            let n = end.saturating_sub(offset);
            buf[..n].copy_from_slice(&d[offset.min(end)..end]);
        }
    }
    fn write(&self, offset: usize, data: &[u8]) {
        let mut m = lock(&self.mem);
        if let Some(d) = m.regions.get_mut(&self.iova) {
            let end = (offset + data.len()).min(d.len());
            let n = end.saturating_sub(offset);
            d[offset.min(end)..end].copy_from_slice(&data[..n]);
        }
    }
}

impl Drop for SimDma {
    fn drop(&mut self) {
        lock(&self.mem).regions.remove(&self.iova);
    }
}

impl<C: CardModel> DmaAllocator for SimDevice<C> {
    fn alloc_dma(&self, len: usize) -> Result<Box<dyn DmaBuffer>> {
        if len == 0 || len > 1 << 30 {
            return Err(DriverError::Dma(format!("cannot allocate {len} octets")));
        }
        let mut m = lock(&self.mem);
        let iova = m.next;
        m.next += (len as u64).div_ceil(4096) * 4096 + 4096;
        m.regions.insert(iova, vec![0; len]);
        Ok(Box::new(SimDma {
            mem: self.mem.clone(),
            iova,
            len,
        }))
    }
}
