//! Content-stream tokens and PDF text strings.

/// Content-stream tokens: operands and operators (strings as their bytes, dictionaries skipped).
#[derive(Debug)]
pub enum Token {
    Name(String),
    Bytes(Vec<u8>),
    Number(f64),
    ArrayStart,
    ArrayEnd,
    Op(String),
}

pub fn tokens(data: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    let delimiter = |c: u8| c.is_ascii_whitespace() || b"()<>[]{}/%".contains(&c);
    while i < data.len() {
        let c = data[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if data[i..].starts_with(b"<<") || data[i..].starts_with(b">>") {
            i += 2;
        } else if c == b'<' {
            let end = i + data[i..].iter().position(|&b| b == b'>').unwrap();
            let digits: Vec<u8> = data[i + 1..end]
                .iter()
                .copied()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            let bytes = digits
                .chunks(2)
                .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
                .collect();
            out.push(Token::Bytes(bytes));
            i = end + 1;
        } else if c == b'(' {
            let (string, end) = literal(data, i);
            out.push(Token::Bytes(string));
            i = end;
        } else if c == b'[' {
            out.push(Token::ArrayStart);
            i += 1;
        } else if c == b']' {
            out.push(Token::ArrayEnd);
            i += 1;
        } else {
            let start = i;
            i += 1;
            while i < data.len() && !delimiter(data[i]) {
                i += 1;
            }
            let word = String::from_utf8_lossy(&data[start..i]).into_owned();
            out.push(if let Some(name) = word.strip_prefix('/') {
                Token::Name(name.to_string())
            } else if let Ok(n) = word.parse::<f64>() {
                Token::Number(n)
            } else {
                Token::Op(word)
            });
        }
    }
    out
}

/// The literal string starting at `data[start]` ('('): its bytes and the index after its ')'.
fn literal(data: &[u8], start: usize) -> (Vec<u8>, usize) {
    let (mut i, mut depth, mut bytes) = (start + 1, 1, Vec::new());
    while i < data.len() {
        let c = data[i];
        i += 1;
        match c {
            b'\\' => {
                let e = data[i];
                i += 1;
                match e {
                    b'n' => bytes.push(b'\n'),
                    b'r' => bytes.push(b'\r'),
                    b't' => bytes.push(b'\t'),
                    b'b' => bytes.push(8),
                    b'f' => bytes.push(12),
                    b'0'..=b'7' => {
                        let mut value = u32::from(e - b'0');
                        for _ in 0..2 {
                            match data.get(i) {
                                Some(&d @ b'0'..=b'7') => {
                                    value = value * 8 + u32::from(d - b'0');
                                    i += 1;
                                }
                                _ => break,
                            }
                        }
                        bytes.push(value as u8);
                    }
                    b'\r' | b'\n' => {
                        if e == b'\r' && data.get(i) == Some(&b'\n') {
                            i += 1;
                        }
                    }
                    other => bytes.push(other),
                }
            }
            b'(' => {
                depth += 1;
                bytes.push(c);
            }
            b')' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
                bytes.push(c);
            }
            _ => bytes.push(c),
        }
    }
    (bytes, i)
}

/// A PDF text string: UTF-16BE after its byte-order mark, else (near enough) Latin-1.
pub fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xfe, 0xff]) {
        Some(utf16) => String::from_utf16_lossy(
            &utf16
                .chunks(2)
                .map(|p| u16::from_be_bytes([p[0], p[1]]))
                .collect::<Vec<_>>(),
        ),
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}
