//! The suite on cards served by `macsec serve`, wherever the driver reaches them from (the
//! vfio-user backend on the host, or VFIO in a guest): [`ServedPort`] is the harness's port
//! through the function's test BAR (`regmap::test_bar`), [`DeviceBench`] opens the cards.

use std::any::Any;
use std::time::{Duration, Instant};

use macsec_model::card::Fault;
use macsec_model::regmap::test_bar as tb;

use super::ctx;
use super::pair::Rig;
use super::port::{Bench, TestPort};
use crate::card::Card;
use crate::error::Result;
use crate::Device;

/// Access to a served function's test BAR.
pub trait TestBarIo: Send {
    fn read32(&self, offset: u32) -> Result<u32>;
    fn write32(&self, offset: u32, value: u32) -> Result<()>;
    /// `buf.len()` octets (a multiple of 4) at `offset`; word by word unless the backend can
    /// do better.
    fn read_bytes(&self, offset: u32, buf: &mut [u8]) -> Result<()> {
        for (i, w) in buf.chunks_exact_mut(4).enumerate() {
            w.copy_from_slice(&self.read32(offset + 4 * i as u32)?.to_le_bytes());
        }
        Ok(())
    }
    fn write_bytes(&self, offset: u32, data: &[u8]) -> Result<()> {
        for (i, w) in data.chunks_exact(4).enumerate() {
            self.write32(
                offset + 4 * i as u32,
                u32::from_le_bytes([w[0], w[1], w[2], w[3]]),
            )?;
        }
        Ok(())
    }
}

/// The harness's port to a served card: its wire held for the harness (WIRE_CAPTURE), faults
/// through FAULTS, the card waited on through IDLE.
pub struct ServedPort {
    bar: Box<dyn TestBarIo>,
    faults: u32,
    buf: Vec<u8>,
    /// A DMA buffer the test BAR moves frames through (two register accesses a frame), when
    /// the rig gave one; else frames go word by word through the FRAME window.
    dma: Option<Box<dyn crate::DmaBuffer>>,
}

impl std::fmt::Debug for ServedPort {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServedPort")
            .field("faults", &self.faults)
            .finish()
    }
}

fn bar<T>(r: Result<T>, what: &str) -> std::result::Result<T, String> {
    r.map_err(|e| format!("test BAR {what}: {e}"))
}

impl ServedPort {
    /// Take the card's wire and clear every fault; frames through `dma` (16 KiB) if given.
    pub fn new(
        io: Box<dyn TestBarIo>,
        dma: Option<Box<dyn crate::DmaBuffer>>,
    ) -> std::result::Result<ServedPort, String> {
        let id = bar(io.read32(tb::ID.offset), "ID")?;
        if id != tb::ID_VALUE {
            return Err(format!(
                "no test BAR (ID reads {id:#x}): is this a card served by `macsec serve`?"
            ));
        }
        bar(io.write32(tb::FAULTS.offset, 0), "FAULTS")?;
        bar(io.write32(tb::LOSE_MESSAGES.offset, 0), "LOSE_MESSAGES")?;
        bar(io.write32(tb::WIRE_CAPTURE.offset, 1), "WIRE_CAPTURE")?;
        if let Some(d) = &dma {
            if d.len() < tb::FRAME_SIZE as usize {
                return Err(format!("a DMA buffer of {} octets is too small", d.len()));
            }
            bar(io.write32(tb::DMA_LO.offset, d.iova() as u32), "DMA_LO")?;
            bar(
                io.write32(tb::DMA_HI.offset, (d.iova() >> 32) as u32),
                "DMA_HI",
            )?;
        }
        let mut port = ServedPort {
            bar: io,
            faults: 0,
            buf: vec![0; tb::FRAME_SIZE as usize],
            dma,
        };
        // Whatever an earlier user left on the wire is not ours.
        port.drain_wire(&mut |_| {})?;
        Ok(port)
    }
}

impl TestPort for ServedPort {
    fn wire_in(&mut self, frame: &[u8]) -> std::result::Result<(), String> {
        if frame.is_empty() || frame.len() > self.buf.len() {
            return Err(format!("cannot inject a frame of {} octets", frame.len()));
        }
        if let Some(d) = &self.dma {
            d.write(0, frame);
            d.flush();
            bar(
                self.bar.write32(tb::INJECT_DMA.offset, frame.len() as u32),
                "INJECT_DMA",
            )?;
            return self.settle();
        }
        let padded = frame.len().div_ceil(4) * 4;
        self.buf[..frame.len()].copy_from_slice(frame);
        self.buf[frame.len()..padded].fill(0);
        bar(
            self.bar.write_bytes(tb::FRAME, &self.buf[..padded]),
            "FRAME",
        )?;
        bar(
            self.bar.write32(tb::INJECT.offset, frame.len() as u32),
            "INJECT",
        )?;
        self.settle()
    }

    fn drain_wire(&mut self, f: &mut dyn FnMut(&[u8])) -> std::result::Result<(), String> {
        self.settle()?;
        if let Some(d) = &self.dma {
            loop {
                let n = bar(self.bar.read32(tb::CAPTURE_DMA.offset), "CAPTURE_DMA")?;
                if n == 0 {
                    return Ok(());
                }
                if n == u32::MAX || n as usize > self.buf.len() {
                    return Err(format!(
                        "CAPTURE_DMA reads {n:#x}: the test BAR's DMA failed"
                    ));
                }
                let n = n as usize;
                crate::barrier::dma_rmb();
                d.read(0, &mut self.buf[..n]);
                f(&self.buf[..n]);
            }
        }
        loop {
            let n = bar(self.bar.read32(tb::CAPTURE_NEXT.offset), "CAPTURE_NEXT")? as usize;
            if n == 0 {
                return Ok(());
            }
            if n > self.buf.len() {
                return Err(format!("test BAR says a captured frame has {n} octets"));
            }
            let padded = n.div_ceil(4) * 4;
            let (buf, b) = (&mut self.buf, &self.bar);
            bar(b.read_bytes(tb::FRAME, &mut buf[..padded]), "FRAME")?;
            f(&buf[..n]);
        }
    }

    fn fault(&mut self, fault: Option<Fault>) -> std::result::Result<(), String> {
        self.faults = match fault {
            Some(x) => {
                let i = Fault::ALL.iter().position(|&y| y == x).unwrap_or(0);
                self.faults | 1 << i
            }
            None => 0,
        };
        bar(self.bar.write32(tb::FAULTS.offset, self.faults), "FAULTS")
    }

    fn lose_messages(&mut self, n: u32) -> std::result::Result<(), String> {
        bar(
            self.bar.write32(tb::LOSE_MESSAGES.offset, n),
            "LOSE_MESSAGES",
        )
    }

    fn settle(&mut self) -> std::result::Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if bar(self.bar.read32(tb::IDLE.offset), "IDLE")? == 1 {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err("the served card did not settle within 10 s".into());
            }
            std::thread::sleep(Duration::from_micros(50));
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// How a [`DeviceBench`] opens a card: the driver's backend and the card's test BAR.
pub type Opener = dyn Fn(&str) -> Result<(Box<dyn Device>, Box<dyn TestBarIo>)>;

/// Served cards named by device strings (card A, card B), opened afresh for every rig.
pub struct DeviceBench {
    pub devices: Vec<String>,
    pub open: Box<Opener>,
}

impl std::fmt::Debug for DeviceBench {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceBench")
            .field("devices", &self.devices)
            .finish_non_exhaustive()
    }
}

impl Bench for DeviceBench {
    fn rig(&self, which: usize) -> std::result::Result<Rig, String> {
        let spec = self.devices.get(which).ok_or_else(|| {
            format!(
                "this check needs card {} (give a second --device)",
                which + 1
            )
        })?;
        let (dev, io) = ctx((self.open)(spec), spec)?;
        let dma = ctx(dev.alloc_dma(tb::FRAME_SIZE as usize), "test BAR buffer")?;
        let port = ServedPort::new(io, Some(dma))?;
        let card = ctx(Card::probe(dev), "probe")?;
        Ok(Rig {
            port: Box::new(port),
            card,
        })
    }
}
