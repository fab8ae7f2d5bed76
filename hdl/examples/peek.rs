use macsec_hdl::core_sim::{CoreSim, Message};
use std::time::Instant;
fn main() {
    for size in [64usize, 1500, 9000] {
        let mut sim = CoreSim::new();
        sim.install_key(0, &[1u8; 16]);
        let n = 300_000 / size.max(64) + 20;
        let msgs: Vec<Message> = (0..n).map(|i| Message { key_slot: 0, iv: [i as u8; 12], aad: vec![0x5A; 28], data: vec![0xA5; size - 28], decrypt: false }).collect();
        let c0 = sim.cycles;
        let t = Instant::now();
        let out = sim.run(&msgs, 0);
        let secs = t.elapsed().as_secs_f64();
        let cycles = sim.cycles - c0;
        println!("size {size}: {} msgs, {cycles} cycles, {:.2} B/cycle, {:.0} cycles/s", out.len(), (n * size) as f64 / cycles as f64, cycles as f64 / secs);
    }
}
