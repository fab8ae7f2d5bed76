//! Measurements of the GCM core: throughput in octets per cycle with messages back to back,
//! latency, simulation speed of the direct `simulate()` loop, and Icarus on the same stimulus.

use std::time::Instant;

use crate::core_sim::{CoreSim, Message};

/// One size's figures.
#[derive(Clone, Debug, PartialEq)]
pub struct CoreRow {
    pub size: usize,
    pub messages: usize,
    pub cycles: u64,
    pub bytes_per_cycle: f64,
    pub sim_cycles_per_second: f64,
}

/// Messages of `size` octets (28 of them AAD, as a MACsec frame's DA, SA and SecTAG with SCI)
/// back to back, about `cycles` cycles' worth.
pub fn messages(size: usize, cycles: usize) -> Vec<Message> {
    let aad = 28.min(size);
    let n = (cycles * 16 / size.max(16)).max(4);
    (0..n)
        .map(|i| Message {
            key_slot: (i % 2) as u8,
            iv: [(i & 0xFF) as u8; 12],
            aad: vec![0x5A; aad],
            data: vec![0xA5; size - aad],
            decrypt: false,
        })
        .collect()
}

/// A core with a 128-bit key in slot 0 and a 256-bit key in slot 1; with `trace`, recording from
/// before the keys are installed (a replay needs them).
pub fn keyed_core_traced(trace: bool) -> CoreSim {
    let mut sim = if trace {
        CoreSim::traced()
    } else {
        CoreSim::new()
    };
    sim.install_key(0, &[0x11; 16]);
    sim.install_key(1, &[0x22; 32]);
    sim
}

pub fn keyed_core() -> CoreSim {
    keyed_core_traced(false)
}

/// Throughput and simulation speed for one message size.
pub fn throughput(size: usize, cycles: usize) -> CoreRow {
    let mut sim = keyed_core();
    let msgs = messages(size, cycles);
    let c0 = sim.cycles;
    let t = Instant::now();
    let out = sim.run(&msgs, 0);
    let secs = t.elapsed().as_secs_f64();
    let cycles = sim.cycles - c0;
    let octets: usize = out.iter().map(|o| o.aad.len() + o.data.len()).sum();
    CoreRow {
        size,
        messages: out.len(),
        cycles,
        bytes_per_cycle: octets as f64 / cycles as f64,
        sim_cycles_per_second: cycles as f64 / secs,
    }
}

/// (beat latency, tag latency after the last output beat, key install cycles) in cycles.
pub fn latency() -> (u64, u64, u64) {
    let mut sim = CoreSim::new();
    let install = sim.install_key(0, &[0x33; 32]);
    let m = Message {
        key_slot: 0,
        iv: [1; 12],
        aad: vec![1; 16],
        data: vec![2; 16],
        decrypt: false,
    };
    let beats = crate::core_sim::beats(&m);
    sim.drive(Some(&beats[0]));
    let start = sim.cycles;
    sim.tick();
    sim.drive(Some(&beats[1]));
    sim.tick();
    sim.drive(None);
    let mut first_out = None;
    let mut last_out = None;
    while sim.cycles - start < 100 {
        let o = sim.observe();
        if o.out_valid && first_out.is_none() {
            first_out = Some(sim.cycles);
        }
        if o.out_valid && o.out_eop {
            last_out = Some(sim.cycles);
        }
        if o.tag_valid {
            let f = first_out.unwrap_or(sim.cycles);
            return (f - start, sim.cycles - last_out.unwrap_or(f), install);
        }
        sim.tick();
    }
    (0, 0, install)
}

/// The same stimulus (messages of `size` octets, about `cycles` cycles) in the rust-hdl
/// simulation and in Icarus Verilog: (rust-hdl cycles/s, Icarus cycles/s), or an error when
/// Icarus cannot run.
pub fn versus_icarus(
    size: usize,
    cycles: usize,
    dir: &std::path::Path,
) -> Result<(f64, f64), String> {
    let mut sim = keyed_core_traced(true);
    let t = Instant::now();
    let c0 = sim.cycles;
    sim.run(&messages(size, cycles), 0);
    let ours = (sim.cycles - c0) as f64 / t.elapsed().as_secs_f64();
    let trace = sim.trace.take().unwrap_or_default();
    let stim: Vec<String> = trace.iter().map(|t| t.0.clone()).collect();
    let (lines, icarus) = crate::verilog::run_icarus(dir, &stim)?;
    if lines.len() != trace.len() || lines.iter().zip(&trace).any(|(l, t)| *l != t.1) {
        return Err("Icarus and rust-hdl disagree on this stimulus".into());
    }
    Ok((ours, icarus))
}
