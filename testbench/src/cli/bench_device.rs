//! `macsec bench --device D`: the driver's costs on one card, whatever backs it — a register
//! read's round trip, the interrupt's latency, and transmit frames per second — so the same
//! command compares the in-process card, a served one over vfio-user and one through VFIO in a
//! guest. Transmitted frames leave on the card's wire (or its peer's) and are not looked at.

use std::time::{Duration, Instant};

use macsec_model::regmap::card as c;
use macsec_model::Config;

use super::card::{drv, open};
use crate::error::CliError;

/// A transmit SA to send under (the examples' key and SCI).
const CONFIG: &str = r#"
cipher = "gcm-aes-128"
sci = "12153524C0895E81"
[[tx_sa]]
an = 0
pn = 1
key = "AD7A2BD03EAC835A6F620FDCB506B345"
"#;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

pub fn run(json: bool, device: &str, millis: u64) -> Result<(), CliError> {
    let (mut card, _dev) = open(device)?;
    let cfg = Config::from_toml(CONFIG).map_err(|e| CliError::Failed(e.to_string()))?;
    card.apply(&cfg).map_err(drv)?;
    card.setup_rings(8, 2048).map_err(drv)?;
    let budget = Duration::from_millis(millis.max(100));

    // A register read's round trip: SCRATCH, which has no side effect.
    let io = card.device();
    let mut reads = 0u64;
    let t = Instant::now();
    while t.elapsed() < budget / 4 {
        for _ in 0..64 {
            io.read32(c::SCRATCH.offset).map_err(drv)?;
        }
        reads += 64;
    }
    let read_ns = t.elapsed().as_nanos() as f64 / reads as f64;

    // Interrupt latency: from the doorbell of one frame to the driver's wait returning (the
    // card's own work on the frame included), TX_CPL the only cause.
    io.write32(c::IRQ_MASK.offset, c::IRQ_TX_CPL.bit())
        .map_err(drv)?;
    let frame = vec![0x5Au8; 1500];
    let mut cpl = Vec::new();
    let mut lat = Vec::new();
    let t = Instant::now();
    while t.elapsed() < budget / 4 && lat.len() < 2000 {
        card.take_irq().map_err(drv)?;
        card.reap_tx(&mut cpl).map_err(drv)?;
        let t0 = Instant::now();
        card.post_tx(&[&frame]).map_err(drv)?;
        if !card.wait(Duration::from_secs(2)).map_err(drv)? {
            return Err(CliError::Failed(
                "no interrupt within 2 s of a doorbell".into(),
            ));
        }
        lat.push(t0.elapsed().as_nanos() as f64 / 1000.0);
    }
    card.take_irq().map_err(drv)?;
    while card.tx_outstanding() > 0 {
        card.reap_tx(&mut cpl).map_err(drv)?;
        card.wait(Duration::from_millis(10)).map_err(drv)?;
    }
    let irq_us = median(lat);

    // Transmit throughput: 1500-octet frames, posted in batches of 32, reaped as they complete.
    let batch: Vec<&[u8]> = (0..32).map(|_| frame.as_slice()).collect();
    let mut sent = 0u64;
    let t = Instant::now();
    while t.elapsed() < budget / 2 {
        let room = card.tx_space().min(batch.len());
        if room > 0 {
            card.post_tx(&batch[..room]).map_err(drv)?;
        }
        cpl.clear();
        sent += card.reap_tx(&mut cpl).map_err(drv)? as u64;
        if card.tx_space() == 0 {
            card.wait(Duration::from_millis(10)).map_err(drv)?;
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let fps = sent as f64 / secs;
    let row = serde_json::json!({
        "device": device,
        "mmio_read_ns": (read_ns * 10.0).round() / 10.0,
        "irq_latency_us": (irq_us * 10.0).round() / 10.0,
        "tx_frames_per_s": fps.round(),
        "tx_gbps": (fps * 1500.0 * 8.0 / 1e9 * 1000.0).round() / 1000.0,
    });
    if json {
        println!("{row}");
    } else {
        println!(
            "{device}: register read {read_ns:.0} ns, interrupt latency {irq_us:.1} µs (median), \
             {fps:.0} frames/s of 1500 octets ({:.3} Gb/s)",
            fps * 1500.0 * 8.0 / 1e9
        );
    }
    Ok(())
}
