# Writes PDFs built to exhaust the PDF reader (hostile/*.pdf), for the
# guards in pdf.go:
#   cd article/testdata && python3 make_hostile_pdfs.py
# Each is a one-page article that would read fine but for one field.
import zlib

TEXT = b"BT /F1 11 Tf 56 780 Td (The harbour reopened on Monday after three weeks of repairs, the port authority said.) Tj ET"

def objects(content, compress=False):
    stream = zlib.compress(content, 9) if compress else content
    filt = b" /Filter /FlateDecode" if compress else b""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d%s >>\nstream\n" % (len(stream), filt) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]

def body(objs):
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    return out, offsets

def with_table(path, first=0, size=None, prev_self=False, content=TEXT, compress=False):
    """A classic cross-reference table whose one subsection starts at object
    number first (the objects' own entries follow in a second subsection)."""
    objs = objects(content, compress)
    out, offsets = body(objs)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    if first:
        out += b"%d 1\n0000000009 00000 n \n" % first
    trailer = b"<< /Size %d /Root 1 0 R" % (size if size is not None else len(objs) + 1)
    if prev_self:
        trailer += b" /Prev %d" % xref
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    open(path, "wb").write(out)

def with_stream(path, size, index=None):
    """A cross-reference stream (PDF 1.5) whose /Size or /Index is huge."""
    objs = objects(TEXT)
    out, offsets = body(objs)
    n = len(objs) + 1
    rows = b"\x00\x00\x00\x00" + b"".join(b"\x01" + off.to_bytes(2, "big") + b"\x00" for off in offsets)
    xref = len(out)
    idx = b" /Index [%d %d]" % index if index else b""
    out += b"%d 0 obj\n<< /Type /XRef /Size %d%s /W [1 2 1] /Root 1 0 R /Length %d >>\nstream\n" % (n, size, idx, len(rows)) + rows + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    open(path, "wb").write(out.replace(b"%PDF-1.4", b"%PDF-1.5", 1))

# The file: a cross-reference subsection that starts at object
# 2,000,000,000 makes the reader size its table from that number (tens of
# GB: "fatal error: runtime: out of memory").
with_table("hostile/xref-start-2e9.pdf", first=2000000000)
with_table("hostile/xref-start-1e8.pdf", first=100000000)
# A trailer whose /Prev is its own table: the reader reads it for ever.
with_table("hostile/xref-prev-loop.pdf", prev_self=True)
# A cross-reference stream declaring 2,000,000,000 objects, or an /Index
# subsection starting there.
with_stream("hostile/xref-stream-size-2e9.pdf", 2000000000)
with_stream("hostile/xref-stream-index-2e9.pdf", 6, index=(2000000000, 6))
# A page whose compressed content (70 KB) is 64 MB of one-glyph strings:
# the reader makes an object for every glyph.
bomb = b"BT /F1 11 Tf 56 780 Td " + b"(a) Tj " * (64 * 1024 * 1024 // 7) + b"ET"
with_table("hostile/content-64mb.pdf", content=bomb, compress=True)
# The same page with a sound cross-reference stream: it must still read.
with_stream("pdf/xref-stream.pdf", 6)
