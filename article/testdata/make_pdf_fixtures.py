# Writes the PDF fixtures (pdf/*.pdf, bad/no-text-layer.pdf, bad/broken.pdf):
#   cd article/testdata && python3 make_pdf_fixtures.py
# Plain PDF 1.4 with the standard Helvetica fonts, offsets computed by hand, no dependencies.
import textwrap, sys
def pdf_string(s):
    b = s.encode('cp1252')
    out = ''
    for c in b:
        ch = chr(c)
        if ch in '()\\': out += '\\' + ch
        elif c < 32 or c > 126: out += '\\%03o' % c
        else: out += ch
    return '(' + out + ')'
def make(path, title_meta, heading, paras, author=None, with_text=True):
    lines = []
    y = 780
    if with_text:
        lines.append(f"BT /F2 18 Tf 56 {y} Td {pdf_string(heading)} Tj ET")
        y -= 36
        for p in paras:
            for l in textwrap.wrap(p, 88):
                lines.append(f"BT /F1 11 Tf 56 {y} Td {pdf_string(l)} Tj ET")
                y -= 14
            y -= 10
    else:
        lines.append("0 0 1 rg 56 600 200 100 re f")
    content = "\n".join(lines).encode('latin-1')
    objs = []
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>")
    objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    info = b"<< /Producer (clippings test fixture)"
    if title_meta: info += b" /Title " + pdf_string(title_meta).encode('latin-1')
    if author: info += b" /Author " + pdf_string(author).encode('latin-1')
    info += b" /CreationDate (D:20240312081500+01'00') >>"
    objs.append(info)
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i+1) + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs)+1)
    for off in offsets: out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs)+1, len(objs), xref)
    open(path, 'wb').write(out)

para = [
 "The town council of Eastbrook voted on Tuesday to reopen the old river ferry, which stopped running in 1998 after the last boat was sold for scrap.",
 "“We have waited a long time for this,” said the mayor, Helen Ortiz, after the vote. “The bridge is twenty minutes away by car, and many people here do not drive.”",
 "The new ferry will carry up to forty passengers and ten bicycles. It is expected to start service in the spring, once the landing stages on both banks have been repaired.",
 "Local shop owners welcomed the decision, saying the crossing would bring visitors back to the high street on weekends.",
]
title = "Eastbrook votes to bring back its river ferry"
make("pdf/with-metadata.pdf", title, title, para, author="Tom Walker")
french_title = "Le café du port rouvre après l’été"
french = [
 "Après trois mois de travaux, le café du port a rouvert ses portes samedi matin. Les habitués étaient déjà là à sept heures, impatients de retrouver leur table près de la fenêtre.",
 "« Nous avons tout refait, sauf le comptoir, qui date de 1952 », explique la gérante, Élodie Marchand. Elle a gardé les prix d’avant, malgré la hausse du coût de l’énergie.",
 "Le café sera ouvert tous les jours de l’année, y compris le dimanche, de six heures à vingt heures.",
]
make("pdf/heading-title.pdf", "Microsoft Word - cafe.docx", french_title, french)
make("bad/no-text-layer.pdf", None, "", [], with_text=False)
open("bad/broken.pdf","wb").write(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage garbage\n")
