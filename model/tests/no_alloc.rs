//! The data path allocates nothing per frame once its buffer has grown: protect and validate of
//! a reused `FrameBuf`, counted by `allocation-counter`'s global allocator.

use macsec_model::dev::loopback_pair;
use macsec_model::{Backend, CipherSuite, FrameBuf, RxCounter, Sak, Sci};

#[test]
fn protect_and_validate_allocate_nothing_per_frame() {
    for backend in Backend::ALL {
        for suite in CipherSuite::ALL {
            let key = Sak::new(&vec![7u8; suite.key_len()]).unwrap();
            let (mut tx, mut rx) = loopback_pair(suite, backend, &key, Sci(0x42)).unwrap();
            let frames: Vec<Vec<u8>> = [60usize, 1514, 64, 9000, 300]
                .iter()
                .map(|&n| (0..n).map(|i| i as u8).collect())
                .collect();
            let mut buf = FrameBuf::with_capacity(9100);
            let mut ok = 0;
            let mut pass = |buf: &mut FrameBuf| {
                for f in &frames {
                    buf.set(f);
                    ok += u32::from(tx.protect(buf).counter.transmits());
                    ok += u32::from(rx.validate(buf).counter == Some(RxCounter::OK));
                }
            };
            // One warm-up pass may size things; after it nothing may allocate.
            pass(&mut buf);
            let info = allocation_counter::measure(|| {
                for _ in 0..100 {
                    pass(&mut buf);
                }
            });
            assert_eq!(ok, 2 * 5 * 101, "{backend} {suite}");
            assert_eq!(
                info.count_total, 0,
                "{backend} {suite}: allocations in 500 frames"
            );
        }
    }
}
