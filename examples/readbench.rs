use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let mode = std::env::args().nth(2).unwrap_or_default();
    let size = std::fs::metadata(&path).unwrap().len() as f64;
    for _ in 0..3 {
        if mode != "bare" {
            let t = Instant::now();
            let f = std::io::BufReader::with_capacity(64 << 10, std::fs::File::open(&path).unwrap());
            let mut r = mile::xml::Reader::new(f, Default::default()).unwrap();
            let mut n = 0u64;
            loop {
                match r.next().unwrap() {
                    mile::xml::Event::Start(s) => { for a in s.attributes() { n += a.value.len() as u64; } }
                    mile::xml::Event::Text(t) => n += t.text.len() as u64,
                    mile::xml::Event::Eof => break,
                    _ => {}
                }
            }
            let d = t.elapsed();
            println!("mile reader: {:.1} ms {:.1} MB/s ({n})", d.as_secs_f64()*1e3, size/d.as_secs_f64()/1e6);
        }
        if mode != "mile" {
            let t = Instant::now();
            let f = std::io::BufReader::with_capacity(64 << 10, std::fs::File::open(&path).unwrap());
            let mut r = quick_xml::reader::NsReader::from_reader(f);
            let mut buf = Vec::new();
            let mut n = 0u64;
            loop {
                use quick_xml::events::Event;
                match r.read_resolved_event_into(&mut buf).unwrap() {
                    (_, Event::Start(e)) | (_, Event::Empty(e)) => { for a in e.attributes().flatten() { n += a.value.len() as u64; } }
                    (_, Event::Text(t)) => n += t.xml10_content().len() as u64,
                    (_, Event::Eof) => break,
                    _ => {}
                }
                buf.clear();
            }
            let d = t.elapsed();
            println!("bare nsreader: {:.1} ms {:.1} MB/s ({n})", d.as_secs_f64()*1e3, size/d.as_secs_f64()/1e6);
        }
    }
}
