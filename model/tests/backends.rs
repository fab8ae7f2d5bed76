//! The two AEAD backends agree: RustCrypto `aes-gcm` (the reference) and `ring`, on random keys,
//! IVs, AAD and data, in both directions, and on tampered input.

use macsec_model::{Backend, Sak};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn ring_equals_rustcrypto(
        key in prop_oneof![prop::collection::vec(any::<u8>(), 16), prop::collection::vec(any::<u8>(), 32)],
        iv in any::<[u8; 12]>(),
        aad in prop::collection::vec(any::<u8>(), 0..200),
        data in prop::collection::vec(any::<u8>(), 0..2000),
        flip in any::<prop::sample::Index>(),
    ) {
        let sak = Sak::new(&key).unwrap();
        let reference = Backend::RustCrypto.aead(&sak);
        let fast = Backend::Ring.aead(&sak);
        let mut a = data.clone();
        let mut b = data.clone();
        let ta = reference.seal(&iv, &aad, &mut a).unwrap();
        let tb = fast.seal(&iv, &aad, &mut b).unwrap();
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(ta, tb);
        // Each opens what the other sealed.
        let mut a2 = a.clone();
        prop_assert!(fast.open(&iv, &aad, &mut a2, &ta));
        prop_assert_eq!(&a2, &data);
        let mut b2 = b.clone();
        prop_assert!(reference.open(&iv, &aad, &mut b2, &tb));
        prop_assert_eq!(&b2, &data);
        // Both refuse the same tampering.
        let mut t = ta;
        t[flip.index(16)] ^= 0x40;
        prop_assert!(!reference.open(&iv, &aad, &mut a.clone(), &t));
        prop_assert!(!fast.open(&iv, &aad, &mut a.clone(), &t));
    }
}
