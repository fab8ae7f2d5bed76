//! `macsec serve` as a user runs it: it serves until a signal or the client's disconnect, and
//! leaves no socket file behind; bad paths are refused before anything is served.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn macsec() -> Command {
    Command::new(env!("CARGO_BIN_EXE_macsec"))
}

fn wait_for(path: &std::path::Path) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !path.exists() {
        assert!(
            Instant::now() < deadline,
            "{} never appeared",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn sigterm_and_sigint_stop_it_and_remove_the_sockets() {
    for sig in ["-TERM", "-INT"] {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.sock"), dir.path().join("b.sock"));
        let mut child = macsec()
            .args(["serve", "--keep-serving", "--socket"])
            .arg(&a)
            .arg("--socket")
            .arg(&b)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        wait_for(&a);
        wait_for(&b);
        let st = Command::new("kill")
            .arg(sig)
            .arg(child.id().to_string())
            .status()
            .unwrap();
        assert!(st.success());
        let deadline = Instant::now() + Duration::from_secs(10);
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break s;
            }
            assert!(Instant::now() < deadline, "serve did not stop on {sig}");
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(status.success(), "{sig}: {status:?}");
        assert!(
            !a.exists() && !b.exists(),
            "{sig}: a socket file was left behind"
        );
    }
}

#[test]
fn a_client_disconnect_ends_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("card.sock");
    let mut child = macsec()
        .args(["serve", "--card", "model", "--socket"])
        .arg(&sock)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for(&sock);
    let out = macsec()
        .arg("card")
        .arg("--device")
        .arg(format!("vfio-user:{}", sock.display()))
        .arg("stats")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["SecY.InPktsOK"], 0);
    let status = child.wait().unwrap();
    assert!(status.success());
    assert!(!sock.exists());
}

#[test]
fn a_socket_whose_client_was_served_goes_while_the_other_is_served() {
    // Two cards, no --keep-serving: after A's client, A's socket file goes (a second client is
    // told at once that nobody serves it), while B still waits for its own.
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.sock"), dir.path().join("b.sock"));
    // Killed if the test fails half way, so no server outlives it.
    struct Server(std::process::Child);
    impl Drop for Server {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut child = Server(
        macsec()
            .args(["serve", "--card", "model", "--socket"])
            .arg(&a)
            .arg("--socket")
            .arg(&b)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    wait_for(&a);
    wait_for(&b);
    let stats = |sock: &std::path::Path| {
        macsec()
            .args(["card", "--device"])
            .arg(format!("vfio-user:{}", sock.display()))
            .arg("stats")
            .output()
            .unwrap()
    };
    assert!(stats(&a).status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    while a.exists() {
        assert!(
            Instant::now() < deadline,
            "A's socket stayed after its client"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(b.exists(), "B's socket went with A's");
    let t = Instant::now();
    let again = stats(&a);
    assert_eq!(again.status.code(), Some(2));
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    assert!(String::from_utf8_lossy(&again.stderr).contains("macsec serve"));
    assert!(stats(&b).status.success());
    assert!(child.0.wait().unwrap().success());
    assert!(!b.exists());
}

#[test]
fn bad_sockets_are_refused_with_status_2() {
    let dir = tempfile::tempdir().unwrap();
    let taken = dir.path().join("taken");
    std::fs::write(&taken, b"").unwrap();
    let s = |p: &std::path::Path| p.to_str().unwrap().to_string();
    let cases: Vec<Vec<String>> = vec![
        vec!["--socket".into(), s(&taken)],
        vec![
            "--socket".into(),
            s(&dir.path().join("x")),
            "--socket".into(),
            s(&dir.path().join("x")),
        ],
        vec![
            "--socket".into(),
            s(&dir.path().join("1")),
            "--socket".into(),
            s(&dir.path().join("2")),
            "--socket".into(),
            s(&dir.path().join("3")),
        ],
        vec!["--socket".into(), s(&dir.path().join("no/such/dir/s"))],
    ];
    for args in cases {
        let out = macsec().arg("serve").args(&args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stderr.is_empty());
    }
    assert!(taken.exists(), "an existing file was removed");
    assert!(!dir.path().join("1").exists());
}

#[test]
fn a_missing_server_is_a_clear_error() {
    let out = macsec()
        .args([
            "card",
            "--device",
            "vfio-user:/nonexistent/card.sock",
            "stats",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("macsec serve"), "{e}");
}

/// A SecY with `n` receive SCs (the example's, under distinct SCIs).
fn secy_with_scs(n: usize) -> String {
    let mut t = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/secy.toml"
    ))
    .unwrap();
    for i in 1..n {
        t.push_str(&format!(
            "\n[[rx_sc]]\nsci = \"12153524C0895E{:02X}\"\n[[rx_sc.sa]]\nan = 0\npn = 1\nkey = \"AD7A2BD03EAC835A6F620FDCB506B345\"\n",
            0x81 + i
        ));
    }
    t
}

#[test]
fn a_card_description_sizes_the_served_card() {
    let dir = tempfile::tempdir().unwrap();
    let (sock, desc) = (dir.path().join("card.sock"), dir.path().join("card.toml"));
    std::fs::write(&desc, "card = \"model\"\n[model]\nrx_scs = 1\nkeys = 8\n").unwrap();
    let mut child = macsec()
        .args(["serve", "--keep-serving", "--config"])
        .arg(&desc)
        .arg("--socket")
        .arg(&sock)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for(&sock);
    let apply = |scs: usize| {
        let f = dir.path().join(format!("secy{scs}.toml"));
        std::fs::write(&f, secy_with_scs(scs)).unwrap();
        macsec()
            .arg("card")
            .arg("--device")
            .arg(format!("vfio-user:{}", sock.display()))
            .arg("apply")
            .arg(&f)
            .output()
            .unwrap()
    };
    let one = apply(1);
    let two = apply(2);
    let _ = Command::new("kill").arg(child.id().to_string()).status();
    let status = child.wait().unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
    assert!(
        one.status.success(),
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
    assert!(!two.status.success(), "a second SC fitted a 1-SC card");
    let e = String::from_utf8_lossy(&two.stderr);
    assert!(
        e.contains("no room: receive SC table (the card has 1, all in use)"),
        "{e}"
    );
    assert!(status.success());
    assert!(
        err.contains("1 receive SCs, 8 key slots"),
        "the server did not say what it serves: {err}"
    );
}

#[test]
fn a_bad_card_description_is_refused_with_status_2() {
    let dir = tempfile::tempdir().unwrap();
    let desc = dir.path().join("card.toml");
    let sock = dir.path().join("card.sock");
    for (text, word) in [
        ("[model]\nrx_scs = 8\nkeys = 20\n", "keys"),
        ("[hdl]\nlatency = 5\n", "latency"),
        ("card = 5\n", "card"),
    ] {
        std::fs::write(&desc, text).unwrap();
        let out = macsec()
            .args(["serve", "--config"])
            .arg(&desc)
            .arg("--socket")
            .arg(&sock)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{text:?}");
        let e = String::from_utf8_lossy(&out.stderr);
        assert!(e.contains(word) && e.contains("card.toml"), "{text:?}: {e}");
        assert!(!sock.exists());
    }
    let out = macsec()
        .args(["serve", "--config", "/nonexistent/card.toml", "--socket"])
        .arg(&sock)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
