//! The simulated backend: a card model in this process, its BAR0 reached through
//! [`RegisterIo`], host memory that the card reaches by IOVA, and its interrupt line.
//! Any [`CardModel`] plugs in: the behavioral card now, the rust-hdl card later.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use macsec_model::card::{CardModel, DmaFault, HostMemory};

use crate::dma::{DmaAllocator, DmaBuffer};
use crate::error::{DriverError, Result};
use crate::irq::Interrupts;
use crate::regif::RegisterIo;

/// First IOVA handed out: above 4 GiB, so 64-bit addressing is exercised.
const IOVA_BASE: u64 = 0x1_0000_0000;

/// Host memory of the simulation, by IOVA. One lock guards it all: the card holds it for a whole
/// run of work, so its DMA costs no locking; the host takes it once per access.
#[derive(Debug, Default)]
pub struct SimMemory {
    /// Regions by id (an id is never reused; a freed region leaves `None`). Ids are handed out
    /// in IOVA order, so the regions that are left stay sorted by IOVA.
    regions: Vec<Option<(u64, Vec<u8>)>>,
    next: u64,
    /// The region of the card's last access: descriptors, buffers and completions come in runs,
    /// so most accesses skip the search. The host's own accesses go by id and leave it alone.
    last: usize,
}

impl SimMemory {
    /// The id of the region holding `iova..iova+len`.
    fn find(&mut self, iova: u64, len: usize) -> Option<usize> {
        let fits = |r: &Option<(u64, Vec<u8>)>| {
            r.as_ref().is_some_and(|(start, d)| {
                iova >= *start && (iova - start) as usize + len <= d.len()
            })
        };
        if self.regions.get(self.last).is_some_and(fits) {
            return Some(self.last);
        }
        let i = self
            .regions
            .iter()
            .rposition(|r| r.as_ref().is_some_and(|(start, _)| *start <= iova))?;
        fits(&self.regions[i]).then(|| {
            self.last = i;
            i
        })
    }

    /// Run `f` on `iova..iova+len`, or fault if no region holds all of it.
    fn access<R>(
        &mut self,
        iova: u64,
        len: usize,
        f: impl FnOnce(&mut [u8]) -> R,
    ) -> std::result::Result<R, DmaFault> {
        let id = self.find(iova, len).ok_or(DmaFault { iova, len })?;
        self.region(id, (iova - self.start(id)) as usize, len, f)
            .ok_or(DmaFault { iova, len })
    }

    fn start(&self, id: usize) -> u64 {
        self.regions[id].as_ref().map_or(0, |(s, _)| *s)
    }

    /// Run `f` on `len` octets at `offset` in region `id`; `None` if they lie outside it.
    fn region<R>(
        &mut self,
        id: usize,
        offset: usize,
        len: usize,
        f: impl FnOnce(&mut [u8]) -> R,
    ) -> Option<R> {
        let (_, d) = self.regions.get_mut(id)?.as_mut()?;
        d.get_mut(offset..offset.checked_add(len)?).map(f)
    }
}

impl HostMemory for SimMemory {
    fn read(&mut self, iova: u64, buf: &mut [u8]) -> std::result::Result<(), DmaFault> {
        self.access(iova, buf.len(), |m| buf.copy_from_slice(m))
    }

    fn read_append(
        &mut self,
        iova: u64,
        len: usize,
        out: &mut Vec<u8>,
    ) -> std::result::Result<(), DmaFault> {
        self.access(iova, len, |m| out.extend_from_slice(m))
    }

    fn write(&mut self, iova: u64, src: &[u8]) -> std::result::Result<(), DmaFault> {
        self.access(iova, src.len(), |m| m.copy_from_slice(src))
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
                regions: Vec::new(),
                next: IOVA_BASE,
                last: 0,
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
    fn clock(&self) -> crate::regif::Clock {
        crate::regif::Clock::Simulated
    }

    fn quiesce_on_close(&self) -> bool {
        false
    }

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
        // The message (CARD.IRQ_ARM) is taken; the level answers, as the deterministic mode
        // has no edge to miss.
        self.run();
        let mut s = lock(&self.shared);
        let message = s.card.take_message();
        Ok(message || s.card.irq())
    }
}

/// A DMA buffer in [`SimMemory`]: the host reaches it by region id, without a search.
struct SimDma {
    mem: Arc<Mutex<SimMemory>>,
    id: usize,
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
        let mut m = lock(&self.mem);
        m.region(self.id, offset, buf.len(), |src| buf.copy_from_slice(src));
    }
    fn write(&self, offset: usize, data: &[u8]) {
        let mut m = lock(&self.mem);
        m.region(self.id, offset, data.len(), |dst| dst.copy_from_slice(data));
    }
    fn write_many(&self, writes: &mut dyn Iterator<Item = (usize, &[u8])>) {
        let mut m = lock(&self.mem);
        for (offset, data) in writes {
            m.region(self.id, offset, data.len(), |dst| dst.copy_from_slice(data));
        }
    }
    fn read_entry(&self, offset: usize, entry: &mut [u8; 32]) {
        // The card only writes while the host is not looking (one lock), so one copy is whole.
        self.read(offset, entry);
    }
    fn read_entries(&self, offset: usize, buf: &mut [u8]) {
        self.read(offset, buf);
    }
    fn with_many(
        &self,
        ranges: &mut dyn Iterator<Item = (usize, usize)>,
        f: &mut dyn FnMut(&[u8]),
    ) {
        let mut m = lock(&self.mem);
        for (offset, len) in ranges {
            m.region(self.id, offset, len, |src| f(src));
        }
    }
    fn with_bytes(&self, offset: usize, len: usize, f: &mut dyn FnMut(&[u8])) {
        let mut m = lock(&self.mem);
        m.region(self.id, offset, len, |src| f(src));
    }
}

impl Drop for SimDma {
    fn drop(&mut self) {
        let mut m = lock(&self.mem);
        if let Some(r) = m.regions.get_mut(self.id) {
            *r = None;
        }
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
        // IOVAs only grow, so pushing keeps the regions sorted.
        m.regions.push(Some((iova, vec![0; len])));
        Ok(Box::new(SimDma {
            mem: self.mem.clone(),
            id: m.regions.len() - 1,
            iova,
            len,
        }))
    }
}
