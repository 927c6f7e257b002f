#!/usr/bin/env python3
"""Builds the answer files the import tests read (tests/api/study-answers.test.mjs) from the
participant guide (data/guides/participant-2007.json) as its XLSForm export lays it out: the
hidden fields moteplass_guide, moteplass_version, informant, meeting_place, mode, start and end,
then each question under its group's path, then the tools' own columns. KoboToolbox joins group
paths with '/', ODK Central with '-'. The meeting place is written as MP in the CSV files, and the tests put
the study's meeting-place id in its place; the XLSX and the ZIP leave it empty (the informant's). Run it again after the guide changes:
    python3 tests/api/answers/make.py
"""
import io
import json
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
GUIDE = json.load(open(os.path.join(HERE, '../../../data/guides/participant-2007.json'), encoding='utf-8'))
QUESTIONS = [q for q in GUIDE['questions'] if q['type'] != 'note']

# What the informants said, after the report (chapter 5): the council has hearing status, they
# feel somewhat heard, nobody was offered training; two disagree about who took the initiative.
ROWS = [
    dict(uuid='3f1c2b9e-0001-4c1a-9d7e-000000000001', informant='I-01', mode='phone',
         start='2026-02-03T10:00:05.123+01:00', end='2026-02-03T10:48:40.002+01:00', submitted='2026-02-03T09:49:12',
         answers={'own_role': 'Jeg er leder for rådet, valgt av organisasjonene.', 'training_offered': 'no',
                  'training_needed': 'yes', 'hearing_body': 'yes', 'initiative': 'authority', 'meeting_frequency': '6',
                  'participants': 'politicians immigrant_background', 'place_influence': 'yes',
                  'place_influence_how': 'Vi får sakene til høring, men ofte sent.',
                  'works_well': 'Vi blir litt hørt, men vi fikk ingen opplæring.'}),
    dict(uuid='3f1c2b9e-0002-4c1a-9d7e-000000000002', informant='I-02', mode='in_person',
         start='2026-02-04T13:00:00.000+01:00', end='2026-02-04T13:40:00.000+01:00', submitted='2026-02-04T12:41:00',
         answers={'own_role': 'Saksbehandler i kommunen; sekretær for rådet.', 'training_offered': 'no',
                  'training_needed': 'no', 'hearing_body': 'yes', 'initiative': 'immigrant_population',
                  'meeting_frequency': '6', 'place_influence': 'no',
                  'place_influence_why_not': 'Sakene kommer for sent; det er få høringer.',
                  'works_well': 'Et par ildsjeler holder det i gang.'}),
    dict(uuid='3f1c2b9e-0003-4c1a-9d7e-000000000003', informant='I-03', mode='phone',
         start='2026-02-05T09:00:00.000+01:00', end='2026-02-05T09:30:00.000+01:00', submitted='2026-02-05T08:31:00',
         answers={'training_offered': 'yes', 'training_useful': 'yes', 'hearing_body': 'no',
                  'works_well': 'Møtene er "åpne"; alle kan komme; det er bra.'}),
]

KOBO_TAIL = ['meta/instanceID', '_id', '_uuid', '_submission_time', '_validation_status', '_notes', '_status',
             '_submitted_by', '__version__', '_tags', '_index']
ODK_HEAD = ['SubmissionDate']
ODK_TAIL = ['meta-instanceID', 'KEY', 'SubmitterID', 'SubmitterName', 'AttachmentsPresent', 'AttachmentsExpected',
            'Status', 'ReviewState', 'DeviceID', 'Edits', 'FormVersion']
CONTEXT = ['start', 'end', 'moteplass_guide', 'moteplass_version', 'informant', 'meeting_place', 'mode']


def path(q, sep):
    return (q['section'] + sep + q['name']) if q.get('section') else q['name']


def kobo_header():
    head = list(CONTEXT)
    for q in QUESTIONS:
        head.append(path(q, '/'))
        if q['type'] == 'select_multiple':  # Kobo adds a column of 0 and 1 per choice
            choices = next(l for l in GUIDE['lists'] if l['list'] == q['list'])['choices']
            head += [path(q, '/') + '/' + c['name'] for c in choices]
    return head + KOBO_TAIL


def kobo_row(r, index, answers=None, mp='MP'):
    answers = answers or r['answers']
    out = [r['start'], r['end'], 'participant-2007', '1', r['informant'], mp, r['mode']]
    for q in QUESTIONS:
        out.append(answers.get(q['name'], ''))
        if q['type'] == 'select_multiple':
            choices = next(l for l in GUIDE['lists'] if l['list'] == q['list'])['choices']
            chosen = answers.get(q['name'], '').split()
            out += [('1' if c['name'] in chosen else '0') if chosen else '' for c in choices]
    return out + ['uuid:' + r['uuid'], str(100 + index), r['uuid'], r['submitted'], '', '', 'submitted_via_web',
                  'intervjuer-vest', 'vXyZ123', '', str(index)]


def odk_header():
    return ODK_HEAD + CONTEXT + [path(q, '-') for q in QUESTIONS] + ODK_TAIL


def odk_row(r, edits=0, answers=None, mp='MP'):
    answers = answers or r['answers']
    out = [r['submitted'] + '.000Z', r['start'], r['end'], 'participant-2007', '1', r['informant'], mp, r['mode']]
    out += [answers.get(q['name'], '') for q in QUESTIONS]
    key = 'uuid:' + r['uuid']
    return out + [key if edits == 0 else 'uuid:edit-%d-%s' % (edits, r['uuid']), key, '12', 'intervjuer-vest',
                  '0', '0', '', 'approved' if edits else '', 'collect:AbCdEf123', str(edits), '1']


def csv(rows, sep):
    def cell(v):
        v = str(v)
        return '"' + v.replace('"', '""') + '"' if any(c in v for c in (sep, '"', '\n')) else v
    return ''.join(sep.join(cell(v) for v in row) + '\r\n' for row in rows)


def write(name, text, encoding='utf-8'):
    with open(os.path.join(HERE, name), 'w', encoding=encoding, newline='') as f:
        f.write(text)


def xlsx(rows):
    def col(i):
        s = ''
        i += 1
        while i:
            i, r = divmod(i - 1, 26)
            s = chr(65 + r) + s
        return s

    def esc(v):
        return str(v).replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
    sheet = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             'spreadsheetml/2006/main"><sheetData>']
    for r, row in enumerate(rows, 1):
        sheet.append('<row r="%d">' % r)
        for c, v in enumerate(row):
            if v == '':
                continue
            if r > 1 and str(v).isdigit() and len(str(v)) < 6:
                sheet.append('<c r="%s%d"><v>%s</v></c>' % (col(c), r, v))
            else:
                sheet.append('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (col(c), r, esc(v)))
        sheet.append('</row>')
    sheet.append('</sheetData></worksheet>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/'
                   'xml"/></Types>')
        z.writestr('xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.'
                   'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships"><sheets><sheet name="participant-2007" sheetId="1" r:id="rId1"/>'
                   '</sheets></workbook>')
        z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http:'
                   '//schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
                   'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/'
                   'sheet1.xml"/></Relationships>')
        z.writestr('xl/worksheets/sheet1.xml', ''.join(sheet))
    return buf.getvalue()


def main():
    write('kobo.csv', csv([kobo_header()] + [kobo_row(r, i) for i, r in enumerate(ROWS, 1)], ';'))
    edited = dict(ROWS[0]['answers'], works_well='Vi blir litt hørt. Vi fikk ingen opplæring, men vi ønsker det.')
    write('kobo-edited.csv', csv([kobo_header(), kobo_row(ROWS[0], 1, edited)] +
                                 [kobo_row(r, i) for i, r in enumerate(ROWS[1:], 2)], ','))
    # A fourth informant through ODK Central: the CSV, then an edit of it in the ZIP.
    fourth = dict(uuid='7a9d0c11-0004-4e2b-8f00-000000000004', informant='I-04', mode='video',
                  start='2026-02-10T18:00:00.000+01:00', end='2026-02-10T18:35:00.000+01:00',
                  submitted='2026-02-10T17:36:00',
                  answers={'training_offered': 'no', 'training_needed': 'yes', 'hearing_body': 'yes',
                           'established': '2003', 'works_well': 'Vi blir hørt av og til.'})
    write('odk.csv', csv([odk_header(), odk_row(fourth)], ','))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        edited4 = dict(fourth['answers'], works_well='Vi blir hørt av og til, særlig om budsjettet.')
        z.writestr('participant-2007.csv', csv([odk_header(), odk_row(fourth, 1, edited4, mp='')], ','))
        z.writestr('participant-2007-section_cases.csv', 'PARENT_KEY,KEY\r\n')
    open(os.path.join(HERE, 'odk.zip'), 'wb').write(buf.getvalue())
    # The same rows in Kobo's XLSX export.
    fifth = dict(ROWS[2], uuid='3f1c2b9e-0005-4c1a-9d7e-000000000005', informant='I-04',
                 answers={'hearing_body': 'yes', 'meeting_frequency': '4'})
    open(os.path.join(HERE, 'kobo.xlsx'), 'wb').write(xlsx([kobo_header(), kobo_row(fifth, 5, mp='')]))

    # Bad files: labels as headers, Latin-1, bad rows, a zip bomb.
    labels = ['start', 'end', 'moteplass_guide', 'moteplass_version', 'Informant (pseudonym)',
              'Møteplass (nummer i registeret)', 'Intervjuform'] + [q['label']['nb'] for q in QUESTIONS] + KOBO_TAIL
    write('kobo-labels.csv', csv([labels] + [kobo_row(r, i) for i, r in enumerate(ROWS, 1)], ';'))
    write('kobo-latin1.csv', csv([kobo_header()] + [kobo_row(r, i) for i, r in enumerate(ROWS, 1)], ';'),
          encoding='latin-1')
    bad = [kobo_row(ROWS[0], 1, dict(ROWS[0]['answers'], hearing_body='ja')),
           kobo_row(ROWS[1], 2, dict(ROWS[1]['answers'], meeting_frequency='seks')),
           kobo_row(dict(ROWS[2], informant='I-99'), 3)]
    write('kobo-bad-rows.csv', csv([kobo_header()] + bad, ';'))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr('participant-2007.csv', b'0' * (80 << 20))
    open(os.path.join(HERE, 'zip-bomb.zip'), 'wb').write(buf.getvalue())


main()
