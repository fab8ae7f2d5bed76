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

/// The checks only a PCI function can take — its Bus Master Enable, its Function Level Reset,
/// its MSI-X messages — run by `macsec conformance` after [`super::CHECKS`].
pub const SERVED_CHECKS: &[(&str, super::Check)] = &[
    ("bus_master_off_stops_dma", bus_master_off_stops_dma),
    ("function_reset_mid_traffic", function_reset_mid_traffic),
    ("lost_message_is_recovered", lost_message_is_recovered),
];

fn transmitter(bench: &dyn Bench) -> std::result::Result<Rig, String> {
    let mut r = bench.rig(0)?;
    let ctl = macsec_model::secy::SecYControls::new(macsec_model::CipherSuite::GcmAes128);
    r.transmitter(&ctl, 1)?;
    Ok(r)
}

/// Send `n` frames and reap them all, waiting on the interrupt.
fn send(r: &mut Rig, n: usize) -> std::result::Result<usize, String> {
    let frame = [0x33u8; 200];
    let refs: Vec<&[u8]> = (0..n).map(|_| &frame[..]).collect();
    ctx(r.card.post_tx(&refs), "post")?;
    let mut cpl = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    while cpl.len() < n && Instant::now() < deadline {
        ctx(r.card.wait(Duration::from_millis(20)), "wait")?;
        ctx(r.card.reap_tx(&mut cpl), "reap")?;
    }
    Ok(cpl.iter().filter(|c| c.transmitted).count())
}

/// With Bus Master Enable off the card may not DMA: the ring stops with DMA_ERROR and the
/// driver says so; set again (and the card reset and programmed), traffic flows.
pub fn bus_master_off_stops_dma(bench: &dyn Bench) -> std::result::Result<(), String> {
    let mut r = transmitter(bench)?;
    ctx(r.card.device().set_bus_master(false), "Bus Master off")?;
    ctx(r.card.post_tx(&[&[0x33u8; 200][..]]), "post")?;
    r.port.settle()?;
    let mut cpl = Vec::new();
    let e = r.card.reap_tx(&mut cpl);
    super::ensure(
        matches!(
            e,
            Err(crate::DriverError::Ring {
                reason: "DMA error",
                ..
            })
        ),
        || format!("a post with Bus Master off gave {e:?}"),
    )?;
    ctx(r.card.device().set_bus_master(true), "Bus Master on")?;
    ctx(r.card.reset(), "reset")?;
    let ctl = macsec_model::secy::SecYControls::new(macsec_model::CipherSuite::GcmAes128);
    r.transmitter(&ctl, 1)?;
    let sent = send(&mut r, 8)?;
    super::ensure(sent == 8, || {
        format!("{sent} of 8 frames after Bus Master came back")
    })
}

/// A Function Level Reset with frames in flight: the card forgets everything (keys, rings);
/// the driver reports a typed error, never a hang, and after its own reset and programming the
/// card carries traffic again.
pub fn function_reset_mid_traffic(bench: &dyn Bench) -> std::result::Result<(), String> {
    let mut r = transmitter(bench)?;
    let frame = [0x44u8; 1500];
    let refs: Vec<&[u8]> = (0..8).map(|_| &frame[..]).collect();
    ctx(r.card.post_tx(&refs), "post")?;
    ctx(r.card.device().function_reset(), "function reset")?;
    r.port.settle()?;
    let mut cpl = Vec::new();
    let start = Instant::now();
    let mut outcome = Ok(0);
    while start.elapsed() < Duration::from_secs(2) {
        outcome = r.card.reap_tx(&mut cpl);
        if outcome.is_err() || r.card.tx_outstanding() == 0 {
            break;
        }
    }
    super::ensure(outcome.is_err() || r.card.tx_outstanding() == 0, || {
        format!(
            "after FLR the driver still owes {} frames and sees no error",
            r.card.tx_outstanding()
        )
    })?;
    ctx(r.card.reset(), "reset")?;
    let ctl = macsec_model::secy::SecYControls::new(macsec_model::CipherSuite::GcmAes128);
    r.transmitter(&ctl, 1)?;
    let sent = send(&mut r, 8)?;
    super::ensure(sent == 8, || {
        format!("{sent} of 8 frames after the function reset")
    })
}

/// A lost MSI-X message costs at most a wait's timeout: the next wait re-arms, the cause is
/// still pending, and its message comes at once.
pub fn lost_message_is_recovered(bench: &dyn Bench) -> std::result::Result<(), String> {
    let mut r = transmitter(bench)?;
    ctx(r.card.take_irq(), "IRQ")?;
    r.port.lose_messages(1)?;
    ctx(r.card.post_tx(&[&[0x33u8; 200][..]]), "post")?;
    r.port.settle()?;
    let first = ctx(r.card.wait(Duration::from_millis(200)), "wait")?;
    let second = ctx(r.card.wait(Duration::from_millis(200)), "wait")?;
    super::ensure(first || second, || {
        "no interrupt after the lost message".into()
    })?;
    let mut cpl = Vec::new();
    ctx(r.card.reap_tx(&mut cpl), "reap")?;
    super::ensure(cpl.len() == 1, || format!("{} completions", cpl.len()))
}
