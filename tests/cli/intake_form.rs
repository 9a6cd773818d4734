//! A Google-Forms-style response export of the sample pool, built deterministically from
//! `sample-data/mentees.csv` and `mentors.csv`: question headers, a timestamp, emails, names,
//! phones, ZIP5 and ZIP+4 codes, employer names, dates, multi-selects joined with ", " using
//! option labels (one of which holds a comma), one duplicate submission and a free-text column.
//! `sample-data/intake/` ships its CSV files (a test checks they are what this writes); the
//! `.xlsx` copy is written by the tests that need it.

use std::collections::HashMap;
use std::path::Path;

pub const MENTEE_HEADER: [&str; 16] = [
    "Timestamp",
    "Email Address",
    "Full name",
    "Phone number",
    "What is the ZIP code of your main practice?",
    "Primary specialty",
    "Employer / health system",
    "When did you complete residency or fellowship?",
    "Which of these identities describe you? (select all that apply)",
    "Would you like your mentor to share any of these identities?",
    "What are your goals for this mentorship? (select all that apply)",
    "What challenges are you currently facing? (select all that apply)",
    "Preferred meeting format",
    "How many hours per month can you commit?",
    "Languages you speak",
    "Anything else you would like us to know?",
];

pub const MENTOR_HEADER: [&str; 15] = [
    "Timestamp",
    "Email Address",
    "Full name",
    "Phone number",
    "What is the ZIP code of your main practice?",
    "Primary specialty",
    "Employer / health system",
    "When did you complete residency or fellowship?",
    "Which of these identities describe you? (select all that apply)",
    "In which areas could you help a mentee? (select all that apply)",
    "Preferred meeting format",
    "How many hours per month can you give?",
    "How many mentees can you take on?",
    "Languages you speak",
    "Anything else you would like us to know?",
];

const FIRST: [&str; 12] = [
    "Amara", "Bilal", "Chen", "Dolores", "Emeka", "Farah", "Gustavo", "Hana", "Ines", "Jonah",
    "Kavya", "Lucia",
];
const LAST: [&str; 8] = [
    "Okafor", "Haddad", "Nguyen", "Alvarez", "Brennan", "Sato", "Mensah", "Kowalski",
];
const EMPLOYERS: [&str; 7] = [
    "Harborview Medical Group",
    "Beacon Hill Health",
    "North Shore Regional",
    "South Coast Health Partners",
    "Central Commonwealth Health",
    "Pioneer Valley Medical Center",
    "Cape & Islands Health",
];

/// The export: rows of cells (header first) per side, and who is who.
pub struct FormExport {
    pub mentees: Vec<Vec<String>>,
    pub mentors: Vec<Vec<String>>,
    /// Sample id (ME-001…, MR-001…) → (full name, email).
    pub people: HashMap<String, (String, String)>,
}

fn read_sample(file: &str) -> Vec<HashMap<String, String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .join(file);
    let mut r = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

/// An answer as a form shows it: capitalized, with the form's own labels for some terms.
fn label(term: &str) -> String {
    match term {
        "woman" => "Woman".into(),
        "urm" => "Under-represented in medicine (URM)".into(),
        "img" => "International medical graduate (IMG)".into(),
        "lgbtq" => "LGBTQ+".into(),
        "in-person" => "In person".into(),
        "virtual" => "Virtual (video call)".into(),
        "either" => "Either / no preference, whichever works".into(),
        "health equity" => "Diversity, equity and inclusion".into(),
        "work-life balance" => "Work life balance".into(),
        "imposter syndrome" => "Impostor syndrome".into(),
        "obstetrics and gynecology" => "OB/GYN".into(),
        t => {
            let mut c = t.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
    }
}

fn labels(list: &str) -> String {
    list.split(';')
        .filter(|s| !s.is_empty())
        .map(label)
        .collect::<Vec<_>>()
        .join(", ")
}

fn timestamp(n: usize) -> String {
    let (day, hour, minute) = (1 + n / 10, 8 + n % 10, (n * 7) % 60);
    let (h12, half) = if hour >= 12 {
        (hour - 12, "PM")
    } else {
        (hour, "AM")
    };
    let h12 = if h12 == 0 { 12 } else { h12 };
    format!(
        "2023/08/{day:02} {h12}:{minute:02}:{:02} {half} EDT",
        (n * 13) % 60
    )
}

fn date(year: &str, n: usize) -> String {
    match n % 3 {
        0 => format!("June 30, {year}"),
        1 => format!("{year}-06-30"),
        _ => format!("6/30/{year}"),
    }
}

fn zip(zip3: &str, n: usize) -> String {
    if n.is_multiple_of(5) {
        format!("{zip3}{:02}-{:04}", (n * 37) % 100, (n * 101) % 10000)
    } else {
        format!("{zip3}{:02}", (n * 37) % 100)
    }
}

fn employer(code: &str, n: usize) -> String {
    let i: usize = code.trim_start_matches("HS-").parse().unwrap();
    let name = EMPLOYERS[i - 1];
    // People write their employer's name in their own case.
    if n.is_multiple_of(4) {
        name.to_uppercase()
    } else {
        name.to_string()
    }
}

/// Builds the export of the sample pool.
pub fn build() -> FormExport {
    let mut people = HashMap::new();
    let mut person = |id: &str, n: usize| {
        let (first, last) = (FIRST[n % FIRST.len()], LAST[n / FIRST.len()]);
        let name = format!("{first} {last}");
        let email = format!(
            "{}.{}@example.org",
            first.to_lowercase(),
            last.to_lowercase()
        );
        people.insert(id.to_string(), (name.clone(), email.clone()));
        (name, email, format!("(617) 555-{:04}", 100 + n))
    };
    let mut mentees = vec![
        MENTEE_HEADER
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>(),
    ];
    let mut stale = Vec::new();
    for (n, m) in read_sample("mentees.csv").iter().enumerate() {
        let (name, email, phone) = person(&m["id"], n);
        let row = vec![
            timestamp(n + 1),
            email,
            name,
            phone,
            zip(&m["zip3"], n),
            label(&m["specialty"]),
            employer(&m["health_system"], n),
            date(&m["training_completed"], n),
            labels(&m["identities"]),
            labels(&m["wants_shared"]),
            labels(&m["goals"]),
            labels(&m["challenges"]),
            label(&m["meeting_format"]),
            if n % 2 == 0 {
                format!("{} hours", m["hours_per_month"])
            } else {
                m["hours_per_month"].clone()
            },
            labels(&m["languages"]),
            if n % 9 == 0 {
                "I work nights, please, no early calls".into()
            } else {
                String::new()
            },
        ];
        if n == 3 {
            // A first submission, corrected later: its answers must not reach the pool.
            let mut first = row.clone();
            first[0] = timestamp(0);
            first[4] = "01002".into();
            first[10] = "Research".into();
            first[12] = "Virtual (video call)".into();
            first[13] = "8 hours".into();
            mentees.push(first);
            stale.push(row);
            continue;
        }
        mentees.push(row);
    }
    // The corrected submission came in last.
    for mut row in stale {
        row[0] = timestamp(99);
        mentees.push(row);
    }
    let mut mentors = vec![
        MENTOR_HEADER
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>(),
    ];
    for (k, m) in read_sample("mentors.csv").iter().enumerate() {
        let n = 48 + k;
        let (name, email, phone) = person(&m["id"], n);
        mentors.push(vec![
            timestamp(n),
            email,
            name,
            phone,
            zip(&m["zip3"], n),
            label(&m["specialty"]),
            employer(&m["health_system"], n),
            date(&m["training_completed"], n),
            labels(&m["identities"]),
            labels(&m["expertise"]),
            label(&m["meeting_format"]),
            format!("{} hours", m["hours_per_month"]),
            if k % 2 == 0 {
                format!("{} mentees", m["capacity"])
            } else {
                m["capacity"].clone()
            },
            labels(&m["languages"]),
            String::new(),
        ]);
    }
    FormExport {
        mentees,
        mentors,
        people,
    }
}

/// Rows as CSV text, CRLF line ends as the form tools write them.
pub fn csv_text(rows: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for r in rows {
        w.write_record(r).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// Rows as an `.xlsx` workbook of one sheet ("Form Responses 1", as Google Sheets names it).
pub fn write_xlsx(rows: &[Vec<String>], path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Form Responses 1").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            // Numbers as numbers, as a spreadsheet holds them (a ZIP code keeps its text form).
            let number = cell.parse::<f64>().ok().filter(|_| !cell.starts_with('0'));
            match number {
                Some(x) => sheet.write_number(r as u32, c as u16, x).unwrap(),
                None => sheet.write_string(r as u32, c as u16, cell).unwrap(),
            };
        }
    }
    book.save(path).unwrap();
}
