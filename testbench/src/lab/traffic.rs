//! The lab's seeded traffic: frames of mixed sizes, and the bad frames it puts on the wire.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Frames from A's host: 60..=128 octets 40 % of the time, 129..=1514 40 %, jumbo up to 9000 20 %.
pub fn frames(rng: &mut StdRng, n: usize) -> Vec<Vec<u8>> {
    (0..n)
        .map(|_| {
            let len = match rng.gen_range(0..10) {
                0..=3 => rng.gen_range(60..=128),
                4..=7 => rng.gen_range(129..=1514),
                _ => rng.gen_range(1515..=9000),
            };
            let mut f = vec![0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00];
            f.resize(len, 0);
            rng.fill(&mut f[14..]);
            f
        })
        .collect()
}

/// What the injector did to one frame on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Injection {
    BadIcv,
    Replay,
    BadTag,
    UnknownSci,
    Foreign,
}

/// Damage about one frame in `every` on its way from A to B; B must count each where the golden
/// model counts it.
pub struct Injector {
    rng: StdRng,
    every: u32,
    pub count: u64,
}

impl Injector {
    pub fn new(seed: u64, every: u32) -> Injector {
        Injector {
            rng: StdRng::seed_from_u64(seed ^ 0xBAD_F00D),
            every,
            count: 0,
        }
    }

    /// Pass `f` on (possibly damaged), perhaps with an extra frame.
    pub fn apply(&mut self, mut f: Vec<u8>, out: &mut Vec<Vec<u8>>) {
        if self.every == 0 || self.rng.gen_range(0..self.every) != 0 {
            out.push(f);
            return;
        }
        self.count += 1;
        let kinds = [
            Injection::BadIcv,
            Injection::Replay,
            Injection::BadTag,
            Injection::UnknownSci,
            Injection::Foreign,
        ];
        match kinds[self.rng.gen_range(0..kinds.len())] {
            Injection::BadIcv => {
                let n = f.len();
                f[n - 1 - self.rng.gen_range(0..16)] ^= 1 << self.rng.gen_range(0..8);
                out.push(f);
            }
            Injection::Replay => {
                out.push(f.clone());
                out.push(f);
            }
            Injection::BadTag => {
                f[14] |= 0x80; // V bit
                out.push(f);
            }
            Injection::UnknownSci => {
                if f[14] & 0x20 != 0 {
                    f[20] ^= 0xFF; // inside the SCI
                }
                out.push(f);
            }
            Injection::Foreign => {
                // A plain frame from elsewhere, next to the real one.
                let mut g = f[..60.min(f.len())].to_vec();
                g[12] = 0x08;
                g[13] = 0x06;
                out.push(f);
                out.push(g);
            }
        }
    }
}
