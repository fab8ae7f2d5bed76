//! Criterion benches of the SecY data path and the raw AEAD it wraps, per backend and frame size.
//! `macsec bench` reports the same comparison as ratios measured in one run.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use macsec_model::cipher::IvForm;
use macsec_model::dev::loopback_pair;
use macsec_model::{Backend, CipherSuite, FrameBuf, Sak, Sci};

const SCI: Sci = Sci(0x0012_3456_789A_0001);
const SIZES: [usize; 4] = [64, 512, 1500, 9000];

fn bench(c: &mut Criterion) {
    let key = Sak::new(&[0x42; 16]).unwrap();
    for b in Backend::ALL {
        let mut g = c.benchmark_group(format!("gcm-aes-128/{b}"));
        for size in SIZES {
            g.throughput(Throughput::Bytes(size as u64));
            let frame: Vec<u8> = (0..size).map(|i| i as u8).collect();
            let (mut tx, mut rx) = loopback_pair(CipherSuite::GcmAes128, b, &key, SCI).unwrap();
            let aead = b.aead(&key);
            let iv = IvForm::sci(SCI);

            let mut data = frame[12..].to_vec();
            let aad = [0u8; 28];
            let mut pn = 0;
            g.bench_function(BenchmarkId::new("raw-seal", size), |bn| {
                bn.iter(|| {
                    pn += 1;
                    black_box(aead.seal(&iv.iv(pn), &aad, &mut data).ok())
                })
            });

            let mut buf = FrameBuf::with_capacity(size);
            buf.set(&frame);
            g.bench_function(BenchmarkId::new("protect", size), |bn| {
                bn.iter(|| {
                    black_box(tx.protect(&mut buf).counter);
                    // Back to a frame of the original length, without touching its bytes.
                    buf.pop_front(16);
                    buf.truncate_back(16);
                })
            });

            buf.set(&frame);
            tx.protect(&mut buf);
            let protected = buf.to_vec();
            g.bench_function(BenchmarkId::new("validate", size), |bn| {
                bn.iter(|| {
                    buf.set(&protected);
                    black_box(rx.validate(&mut buf).counter)
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
