//! All 32 IEEE 802.1AE-2018 Annex C vectors through the command line, both directions: the
//! flags alone must reproduce each protected frame byte for byte, and recover each original.

mod common;

use common::*;
use macsec_model::dev::annex_c;

#[test]
fn annex_c_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    for v in annex_c().unwrap() {
        let plain = dir.path().join(format!("{}-plain.pcap", v.id));
        let prot = dir.path().join(format!("{}-prot.pcap", v.id));
        let back = dir.path().join(format!("{}-back.pcap", v.id));
        write_pcap(&plain, std::slice::from_ref(&v.unprotected));
        let key = hex::encode(v.key.as_bytes());
        let sci = v.sci.to_string();
        let an = v.an().to_string();
        let pn = format!("{:#x}", v.pn);
        let onoff = |b: bool| if b { "on" } else { "off" };
        let mut args = vec![
            "--cipher",
            v.suite.name(),
            "--key",
            &key,
            "--sci",
            &sci,
            "--an",
            &an,
            "--pn",
            &pn,
        ];
        // How frames are built: protect only (validate reads it from the SecTAG).
        let build = [
            "--encrypt",
            onoff(v.confidentiality),
            "--send-sci",
            onoff(v.sci_in_sectag),
            "--end-station",
            onoff(v.end_station()),
        ];
        let ssci = v.ssci.map(|x| format!("{x:08X}"));
        let salt = v.salt.map(hex::encode);
        if let (Some(ssci), Some(salt)) = (&ssci, &salt) {
            args.extend(["--ssci", ssci, "--salt", salt]);
        }
        let mut p = vec!["protect"];
        p.extend(&args);
        p.extend(build);
        p.extend([s(&plain), s(&prot)]);
        let o = macsec(&p);
        assert!(o.status.success(), "{} protect: {}", v.id, stderr(&o));
        assert_eq!(
            read_pcap(&prot),
            vec![v.protected.clone()],
            "{} protect",
            v.id
        );

        let mut q = vec!["validate"];
        q.extend(&args);
        q.extend([s(&prot), s(&back)]);
        let o = macsec(&q);
        assert!(o.status.success(), "{} validate: {}", v.id, stderr(&o));
        assert_eq!(
            read_pcap(&back),
            vec![v.unprotected.clone()],
            "{} validate",
            v.id
        );
        assert!(stderr(&o).contains("InPktsOK 1"), "{}", stderr(&o));
    }
}
