//! The sanitizers on any text: nothing that steers a terminal survives `inert` or
//! `for_terminal`, and `json_inert` leaves serialized JSON meaning exactly the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recall::text::{for_terminal, inert, json_inert};

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    for out in [inert(&s), for_terminal(&s)] {
        assert!(
            out.chars().all(|c| c == '\n' || !c.is_control()),
            "{out:?}"
        );
    }
    let json = serde_json::to_string(&s.as_ref()).expect("a string serializes");
    let safe = json_inert(&json);
    assert!(safe.chars().all(|c| !c.is_control()), "{safe}");
    let back: String = serde_json::from_str(&safe).expect("still JSON");
    assert_eq!(back, s.as_ref());
});
