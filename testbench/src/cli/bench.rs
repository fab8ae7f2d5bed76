//! `macsec bench`: the SecY against the raw AEAD, in one run on the same buffers.
//!
//! For each size (the unprotected frame, DA to the end of User Data) and each direction, the raw
//! AEAD does exactly the cryptographic work the SecY must do for that frame (A = DA ‖ SA ‖
//! SecTAG, P = User Data), on a buffer of its own; the SecY does the whole of 10.5 or 10.6. The two
//! are timed in alternating slices so machine noise hits both alike, and `ratio` = SecY / raw.

use std::hint::black_box;
use std::time::{Duration, Instant};

use clap::Args;
use macsec_model::cipher::IvForm;
use macsec_model::dev::loopback_pair;
use macsec_model::{Backend, CipherSuite, FrameBuf, Sak, Sci};
use serde_json::json;

use crate::error::CliError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CardKind {
    /// The behavioral card.
    Model,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// One JSON object per line instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Only this AES-GCM implementation (default: both).
    #[arg(long, value_parser = |s: &str| s.parse::<Backend>())]
    pub backend: Option<Backend>,
    /// Frame sizes in octets, DA to the end of User Data.
    #[arg(long, value_delimiter = ',', default_value = "64,512,1500,9000")]
    pub sizes: Vec<usize>,
    /// Measure the driver and a simulated card against the golden model instead of the SecY
    /// against the raw AEAD.
    #[arg(long, value_enum)]
    pub card: Option<CardKind>,
    /// Measure the rust-hdl AES-GCM core: octets per cycle, latency, simulation speed, and
    /// Icarus Verilog on the same stimulus when it is installed.
    #[arg(long)]
    pub gcm_core: bool,
    /// Measure the whole rust-hdl engine: octets per cycle each way, latency, simulation
    /// speed, and Icarus Verilog on the same stimulus when it is installed.
    #[arg(long, conflicts_with_all = ["gcm_core", "card"])]
    pub engine: bool,
    /// Run the lab on the behavioral card and on the rust-hdl card (same seed, same frames) and
    /// compare their speed.
    #[arg(long, conflicts_with_all = ["gcm_core", "card", "engine"])]
    pub lab: bool,
    /// Measure the driver on one card: a register read's round trip, the interrupt latency and
    /// transmit frames/s (`sim`, `vfio:ADDR` or `vfio-user:SOCKET`).
    #[arg(long, conflicts_with_all = ["gcm_core", "card", "engine", "lab"])]
    pub device: Option<String>,
    /// Synthesize the exported Verilog with Yosys `synth_xilinx` (UltraScale+): LUTs,
    /// flip-flops, LUT RAM, block RAM, DSPs and the logic depth between registers.
    #[arg(long, value_enum, value_name = "DESIGN", conflicts_with_all = ["gcm_core", "card", "engine", "lab", "device"])]
    pub synth: Option<super::bench_synth::SynthTop>,
    /// With --synth: report on this Yosys JSON netlist (written by an earlier run's
    /// `write_json` after `synth_xilinx -flatten`) instead of running Yosys.
    #[arg(long, value_name = "FILE", requires = "synth")]
    pub netlist: Option<std::path::PathBuf>,
    /// Frames per lab run (--lab).
    #[arg(long, default_value_t = 20_000)]
    pub frames: usize,
    /// Time spent on each (backend, size, direction), both sides together.
    #[arg(long, default_value_t = 400)]
    pub millis: u64,
}

const SCI: Sci = Sci(0x0012_3456_789A_0001);
/// Distinct frames per batch, so that the receive side sees a run of different PNs.
const BATCH: usize = 64;

#[derive(Debug, Clone, Copy)]
struct Row {
    raw_gbps: f64,
    secy_gbps: f64,
}

pub fn run(a: &BenchArgs) -> Result<(), CliError> {
    if a.sizes.iter().any(|&s| !(14..=9216).contains(&s)) {
        return Err(CliError::Usage(
            "--sizes: each size must be 14..=9216 octets".into(),
        ));
    }
    let backends = match a.backend {
        Some(b) => vec![b],
        None => Backend::ALL.to_vec(),
    };
    let slice = Duration::from_millis(a.millis.max(20)) / 20;
    if let Some(top) = a.synth {
        return super::bench_synth::run(a.json, top, a.netlist.as_deref());
    }
    if a.gcm_core {
        return super::bench_core::run(a.json, &a.sizes);
    }
    if a.engine {
        return super::bench_engine::run(a.json, &a.sizes);
    }
    if a.lab {
        return super::bench_lab::run(a.json, a.frames);
    }
    if let Some(d) = &a.device {
        return super::bench_device::run(a.json, d, a.millis);
    }
    if a.card.is_some() {
        let backends = a.backend.map_or(vec![Backend::Ring], |b| vec![b]);
        if !a.json {
            println!(
                "{:<8} {:>6} {:<3} {:>12} {:>12} {:>6}",
                "backend", "size", "op", "golden Gb/s", "card Gb/s", "ratio"
            );
        }
        for &b in &backends {
            for &size in &a.sizes {
                for row in super::bench_card::measure(b, size, slice)? {
                    if a.json {
                        println!("{row}");
                    } else {
                        println!(
                            "{:<8} {:>6} {:<3} {:>12.2} {:>12.2} {:>6.3}",
                            b.name(),
                            size,
                            row["op"].as_str().unwrap_or(""),
                            row["golden_gbps"].as_f64().unwrap_or(0.0),
                            row["card_gbps"].as_f64().unwrap_or(0.0),
                            row["ratio"].as_f64().unwrap_or(0.0)
                        );
                    }
                }
            }
        }
        return Ok(());
    }
    if !a.json {
        println!(
            "{:<8} {:>6} {:<9} {:>10} {:>10} {:>6}",
            "backend", "size", "op", "raw Gb/s", "SecY Gb/s", "ratio"
        );
    }

    for &b in &backends {
        for &size in &a.sizes {
            let (p, v) = measure(b, size, slice)?;
            for (op, r) in [("protect", p), ("validate", v)] {
                let ratio = r.secy_gbps / r.raw_gbps;
                if a.json {
                    let o = json!({"backend": b.name(), "size": size, "op": op,
                        "raw_gbps": round3(r.raw_gbps), "secy_gbps": round3(r.secy_gbps),
                        "ratio": round3(ratio)});
                    println!("{o}");
                } else {
                    println!(
                        "{:<8} {:>6} {:<9} {:>10.2} {:>10.2} {:>6.3}",
                        b.name(),
                        size,
                        op,
                        r.raw_gbps,
                        r.secy_gbps,
                        ratio
                    );
                }
            }
        }
    }
    Ok(())
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Time `raw` and `secy` (each called once per frame, with the frame's number) in alternating
/// slices, 20 turns each; returns frames per second of each. Calls come in runs of `batch`.
pub(super) fn race(
    slice: Duration,
    batch: usize,
    mut raw: impl FnMut(usize),
    mut secy: impl FnMut(usize),
) -> (f64, f64) {
    let mut t = [Duration::ZERO; 2];
    let mut n = [0u64; 2];
    for round in 0..20 {
        for side in [round % 2, 1 - round % 2] {
            let start = Instant::now();
            let mut i = 0usize;
            while start.elapsed() < slice {
                for _ in 0..batch {
                    if side == 0 {
                        raw(i);
                    } else {
                        secy(i);
                    }
                    i += 1;
                }
            }
            t[side] += start.elapsed();
            n[side] += i as u64;
        }
    }
    (
        n[0] as f64 / t[0].as_secs_f64(),
        n[1] as f64 / t[1].as_secs_f64(),
    )
}

fn measure(b: Backend, size: usize, slice: Duration) -> Result<(Row, Row), CliError> {
    let key = Sak::new(&[0x42; 16]).map_err(|e| CliError::Failed(e.to_string()))?;
    let (mut tx, mut rx) = loopback_pair(CipherSuite::GcmAes128, b, &key, SCI)
        .map_err(|e| CliError::Failed(e.to_string()))?;
    let frame: Vec<u8> = (0..size).map(|i| (i * 13 + 7) as u8).collect();
    let gbps = |fps: f64| fps * size as f64 * 8.0 / 1e9;

    // Protect: raw seal of the User Data in place, with A = DA ‖ SA ‖ SecTAG. The SecY protects
    // its buffer in place too; between frames its view is reset to the frame's length without
    // touching a byte (the content is then ciphertext, which costs the cipher the same).
    let aead = b.aead(&key);
    let ivs = IvForm::sci(SCI);
    let aad = [0x5Au8; 28];
    let mut data = frame[12..].to_vec();
    let mut buf = FrameBuf::with_capacity(size);
    buf.set(&frame);
    let mut pn = 0u64;
    let mut tx_ok = true;
    let (raw_p, secy_p) = race(
        slice,
        BATCH,
        |_| {
            pn += 1;
            black_box(aead.seal(&ivs.iv(pn), &aad, &mut data).ok());
        },
        |_| {
            tx_ok &= tx.protect(&mut buf).counter.transmits();
            buf.pop_front(16);
            buf.truncate_back(16);
        },
    );

    // Validate: a batch of distinct protected frames. Decryption is in place, so each side first
    // copies the received frame into its work buffer (as a NIC's DMA would), then the raw AEAD
    // opens the Secure Data and the SecY runs 10.6 on the whole frame.
    let mut batch = Vec::with_capacity(BATCH);
    for _ in 0..BATCH {
        buf.set(&frame);
        tx.protect(&mut buf);
        batch.push(buf.to_vec());
    }
    let mut work = vec![0u8; size + 32];
    let mut raw_ok = true;
    let mut secy_ok = true;
    let (raw_v, secy_v) = race(
        slice,
        BATCH,
        |i| {
            let f = &batch[i % BATCH];
            let pn = u32::from_be_bytes([f[16], f[17], f[18], f[19]]) as u64;
            work.copy_from_slice(f);
            let (aad, rest) = work.split_at_mut(28);
            let (data, icv) = rest.split_at_mut(size - 12);
            let mut tag = [0u8; 16];
            tag.copy_from_slice(icv);
            raw_ok &= aead.open(&ivs.iv(pn), aad, data, &tag);
        },
        |i| {
            buf.set(&batch[i % BATCH]);
            secy_ok &= rx.validate(&mut buf).delivered();
        },
    );
    if !(tx_ok && raw_ok && secy_ok) {
        return Err(CliError::Failed(format!(
            "bench {b} {size}: a frame was not transmitted or failed to validate; figures would be meaningless"
        )));
    }
    Ok((
        Row {
            raw_gbps: gbps(raw_p),
            secy_gbps: gbps(secy_p),
        },
        Row {
            raw_gbps: gbps(raw_v),
            secy_gbps: gbps(secy_v),
        },
    ))
}
