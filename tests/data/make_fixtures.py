# ruff: noqa: E501  (fixture rows reproduce real exports, whose lines are long)
"""Write the import fixtures of tests/io (run it after changing one; outputs are committed).

Text fixtures are written byte for byte here, so their encodings, BOMs, line ends and
deliberate damage are exact; binary ones (an .xlsx, a PNG) are made with openpyxl and zlib.

    python tests/data/make_fixtures.py
"""

from __future__ import annotations

import codecs
import struct
import zlib
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
CRLF = "\r\n"

LINKEDIN_NOTES = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email '
    "addresses are missing. You will only see email addresses for connections who have "
    "allowed their connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)
LINKEDIN = LINKEDIN_NOTES + '''First Name,Last Name,URL,Email Address,Company,Position,Connected On
Jane,"Doe, MBA",https://www.linkedin.com/in/janedoe,,"Acme, Inc.",Chief Executive Officer,12 Mar 2024
Jürgen,Müller,https://www.linkedin.com/in/juergen-mueller-4b1a2c,juergen.mueller@example.de,Globex GmbH,"Head of Sales, DACH",03 Jan 2023
Chloé,Dubois,https://www.linkedin.com/in/chloedubois,,Initech,Product Manager,28 Feb 2022
Wei,Chen,https://www.linkedin.com/in/wei-chen-8812,,,,17 Aug 2019
Priya,"Patel, PhD, PMP",https://www.linkedin.com/in/priyapatel,priya@example.com,Umbrella Corp,Research Director,5 May 2021
Seán,O'Brien,https://www.linkedin.com/in/seanobrien,,Hooli,"Engineer, ""Platform""",9 Sep 2020
Amara,Okafor,https://www.linkedin.com/in/amaraokafor,,Stark Industries,Partner,31 Foo 2024
,,https://www.linkedin.com/in/deleted-member,,,,1 Jan 2020
'''
LINKEDIN_NEXT = LINKEDIN_NOTES + """First Name,Last Name,URL,Email Address,Company,Position,Connected On
Jane,"Doe, MBA",https://www.linkedin.com/in/janedoe/,,Wayne Enterprises,Chief Executive Officer,12 Mar 2024
Jürgen,Müller,https://www.linkedin.com/in/juergen-mueller-4b1a2c,juergen.mueller@example.de,Globex GmbH,"Head of Sales, DACH",03 Jan 2023
Chloé,Dubois,https://www.linkedin.com/in/chloedubois,,Initech,Product Manager,28 Feb 2022
Lars,Johansson,https://www.linkedin.com/in/larsjohansson,,Pied Piper,CTO,2 Apr 2024
"""
LINKEDIN_2018 = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,Email Address,Company,Position,Connected On
Maria,García,maria.garcia@example.es,Soylent,Consultant,"22 Feb 2018"
Tom,Lee,,Vandelay Industries,"Importer, Exporter",14 Nov 2017
"""

GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,"
    "Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,"
    "Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,"
    "Address 1 - Extended Address,Relation 1 - Label,Relation 1 - Value,"
    "Website 1 - Label,Website 1 - Value"
)
GOOGLE_ROWS = [
    {"First Name": "Jane", "Last Name": "Doe", "Organization Name": "Acme, Inc.",
     "Organization Title": "CEO", "Birthday": "1980-04-01",
     "Notes": "Met at Web Summit.\nFollow up about the Series A.",
     "Labels": "* myContacts ::: * starred ::: Investors ::: Lisbon",
     "E-mail 1 - Label": "* Work",
     "E-mail 1 - Value": "jane@acme.example ::: jane.doe@gmail.example",
     "E-mail 2 - Label": "Home", "E-mail 2 - Value": "jane@home.example",
     "Phone 1 - Label": "Mobile", "Phone 1 - Value": "+351 912 345 678",
     "Address 1 - Label": "Work", "Address 1 - Formatted": "Rua Augusta 1\nLisboa\nPortugal",
     "Address 1 - Street": "Rua Augusta 1", "Address 1 - City": "Lisboa",
     "Address 1 - Postal Code": "1100-048", "Address 1 - Country": "Portugal",
     "Relation 1 - Label": "Manager", "Relation 1 - Value": "Sam Rivera",
     "Website 1 - Label": "Profile", "Website 1 - Value": "https://www.linkedin.com/in/janedoe"},
    {"First Name": "Sam", "Last Name": "Rivera", "Organization Name": "Acme",
     "Organization Title": "COO", "Labels": "* myContacts ::: Investors",
     "E-mail 1 - Label": "Work", "E-mail 1 - Value": "sam@acme.example",
     "Phone 1 - Label": "Work", "Phone 1 - Value": "+1 415 555 0100",
     "Relation 1 - Label": "Assistant", "Relation 1 - Value": "Jane Doe"},
    {"Organization Name": "Globex", "Labels": "* myContacts", "E-mail 1 - Label": "Work",
     "E-mail 1 - Value": "info@globex.example"},
    {"Notes": "Just a note", "Labels": "* myContacts"},
]
GOOGLE_LEGACY_HEADER = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,"
    "Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,"
    "Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,Directory Server,"
    "Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Language,Photo,"
    "Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,"
    "Organization 1 - Type,Organization 1 - Name,Organization 1 - Yomi Name,"
    "Organization 1 - Title,Organization 1 - Department,Organization 1 - Symbol,"
    "Organization 1 - Location,Organization 1 - Job Description,Relation 1 - Type,"
    "Relation 1 - Value,Website 1 - Type,Website 1 - Value"
)
GOOGLE_LEGACY_ROWS = [
    {"Name": "Kenji Sato", "Given Name": "Kenji", "Family Name": "Sato",
     "Notes": "Board member since 2019",
     "Group Membership": "* myContacts ::: Board ::: System Group: Friends",
     "E-mail 1 - Type": "* Work", "E-mail 1 - Value": "kenji@sato.example",
     "Phone 1 - Type": "Mobile", "Phone 1 - Value": "+81 90 1234 5678",
     "Organization 1 - Name": "Sato Holdings", "Organization 1 - Title": "Chairman",
     "Relation 1 - Type": "Spouse", "Relation 1 - Value": "Yui Sato"},
    {"Name": "Yui Sato", "Given Name": "Yui", "Family Name": "Sato",
     "Group Membership": "* myContacts", "E-mail 1 - Type": "Home",
     "E-mail 1 - Value": "yui@sato.example"},
]
OUTLOOK_COM_HEADER = (
    "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,"
    "E-mail Address,E-mail 2 Address,E-mail 3 Address,Home Phone,Home Phone 2,"
    "Business Phone,Business Phone 2,Mobile Phone,Car Phone,Other Phone,Primary Phone,Pager,"
    "Business Fax,Home Fax,Other Fax,Company Main Phone,Callback,Radio Phone,Telex,"
    "TTY/TDD Phone,IMAddress,Job Title,Department,Company,Office Location,Manager's Name,"
    "Assistant's Name,Assistant's Phone,Company Yomi,Business Street,Business City,"
    "Business State,Business Postal Code,Business Country/Region,Home Street,Home City,"
    "Home State,Home Postal Code,Home Country/Region,Other Street,Other City,Other State,"
    "Other Postal Code,Other Country/Region,Personal Web Page,Spouse,Schools,Hobby,Location,"
    "Web Page,Birthday,Anniversary,Notes"
)
OUTLOOK_CLASSIC_HEADER = (
    "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,"
    "Business Street,Business Street 2,Business Street 3,Business City,Business State,"
    "Business Postal Code,Business Country/Region,Home Street,Home Street 2,Home Street 3,"
    "Home City,Home State,Home Postal Code,Home Country/Region,Other Street,Other Street 2,"
    "Other Street 3,Other City,Other State,Other Postal Code,Other Country/Region,"
    "Assistant's Phone,Business Fax,Business Phone,Business Phone 2,Callback,Car Phone,"
    "Company Main Phone,Home Fax,Home Phone,Home Phone 2,ISDN,Mobile Phone,Other Fax,"
    "Other Phone,Pager,Primary Phone,Radio Phone,TTY/TDD Phone,Telex,Account,Anniversary,"
    "Assistant's Name,Billing Information,Birthday,Business Address PO Box,Categories,"
    "Children,Directory Server,E-mail Address,E-mail Type,E-mail Display Name,"
    "E-mail 2 Address,E-mail 2 Type,E-mail 2 Display Name,E-mail 3 Address,E-mail 3 Type,"
    "E-mail 3 Display Name,Gender,Government ID Number,Hobby,Home Address PO Box,Initials,"
    "Internet Free Busy,Keywords,Language,Location,Manager's Name,Mileage,Notes,"
    "Office Location,Organizational ID Number,Other Address PO Box,Priority,Private,"
    "Profession,Referred By,Sensitivity,Spouse,User 1,User 2,User 3,User 4,Web Page"
)


def _row(header: str, values: dict[str, str], *, quote_all: bool = False,
         end: str = CRLF) -> str:
    import csv
    import io

    names = header.split(",")
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
                        lineterminator=end)
    writer.writerow([values.get(n, "") for n in names])
    return out.getvalue()


def outlook_files() -> dict[str, bytes]:
    com = OUTLOOK_COM_HEADER + CRLF
    com += _row(OUTLOOK_COM_HEADER, {
        "First Name": "Olu", "Last Name": "Adeyemi", "E-mail Address": "olu@adeyemi.example",
        "Mobile Phone": "+234 803 555 0101", "Job Title": "Founder", "Company": "Lagos Labs",
        "Business City": "Lagos", "Business Country/Region": "Nigeria",
        "Manager's Name": "Ngozi Eze", "Web Page": "https://www.linkedin.com/in/oluadeyemi",
        "Notes": "Intro via Ngozi.\r\nInterested in fintech.",
    })
    com += _row(OUTLOOK_COM_HEADER, {
        "First Name": "Ngozi", "Last Name": "Eze", "E-mail Address": "ngozi@eze.example",
        "Company": "Lagos Labs", "Job Title": "Chair",
    })
    classic = '"' + OUTLOOK_CLASSIC_HEADER.replace(",", '","') + '"' + CRLF
    classic += _row(OUTLOOK_CLASSIC_HEADER, {
        "Title": "Dr.", "First Name": "Sofia", "Last Name": "Rossi", "Company": "Rossi & Figli",
        "Job Title": "Managing Director", "Business City": "Milano",
        "Business Country/Region": "Italia", "Business Phone": "+39 02 555 0199",
        "E-mail Address": "sofia@rossi.example", "E-mail Type": "SMTP",
        "E-mail Display Name": "Sofia Rossi (sofia@rossi.example)",
        "Categories": "Suppliers;Milan network", "Referred By": "Diego Alvarez",
        "Private": "False", "Sensitivity": "Normal", "Priority": "Normal", "Gender": "Unspecified",
    }, quote_all=True)
    classic += _row(OUTLOOK_CLASSIC_HEADER, {
        "First Name": "Diego", "Last Name": "Alvarez", "E-mail Address": "/O=EXCHANGELABS/OU=X",
        "E-mail Type": "EX", "Categories": "Milan network", "Private": "False",
    }, quote_all=True)
    return {"outlook/outlook-com.csv": com.encode("utf-8-sig"),
            "outlook/outlook-classic.csv": classic.encode("cp1252")}


VCARD_APPLE = CRLF.join([
    "BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//macOS 14.4//EN",
    "N:Johansson;Lars;;;", "FN:Lars Johansson", "ORG:Pied Piper;Engineering;",
    "TITLE:CTO", "item1.EMAIL;type=INTERNET;type=pref:lars@piedpiper.example",
    "item1.X-ABLabel:_$!<Work>!$_", "item2.EMAIL;type=INTERNET:lars.j@mail.example",
    "item2.X-ABLabel:Newsletter", "TEL;type=CELL;type=VOICE;type=pref:+46 70 123 45 67",
    "item3.ADR;type=HOME;type=pref:;;Drottninggatan 1;Stockholm;;111 51;Sweden",
    "item3.X-ABADR:se", "NOTE:Met at Slush 2023\\, wants an intro to Acme.\\nVegetarian.",
    "CATEGORIES:Engineering,Nordics",
    "X-SOCIALPROFILE;type=linkedin;x-user=larsjohansson:https://www.linkedin.com/in/larsj",
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDA",
    " sLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA",
    "UID:9C3B8E2A-4D1F-4B6C-9E1A-2F3C4D5E6F70", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "N:Nguyen;Linh;;;", "FN:Linh Nguyen",
    "ORG:Saigon Ventures;", "EMAIL;type=INTERNET;type=WORK:linh@saigon.example",
    "EMAIL;type=INTERNET;type=HOME:linh@home.example", "TEL;type=WORK:+84 28 5555 0100",
    "TEL;type=HOME:+84 90 555 0101", "CATEGORIES:Investors", "END:VCARD", "",
])
VCARD_21 = CRLF.join([
    "BEGIN:VCARD", "VERSION:2.1", "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;",
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller",
    "TEL;CELL:+49 170 5550123", "TEL;WORK;VOICE:+49 30 5550100",
    "EMAIL;INTERNET;WORK:juergen.mueller@example.de",
    "ORG;CHARSET=UTF-8:Globex GmbH",
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Kennt den Vorstand pers=C3=B6nlich. Lange N=",
    "otiz, die auf zwei Zeilen umbrochen wurde.",
    "END:VCARD",
    "BEGIN:VCARD", "VERSION:2.1", "N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Fran=E7ois;Ren=E9;;;",
    "FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Ren=E9 Fran=E7ois",
    "TEL;HOME:+33 1 55 55 01 02", "END:VCARD", "",
])
VCARD_40 = CRLF.join([
    "BEGIN:VCARD", "VERSION:4.0", "FN:Amara Okafor", "N:Okafor;Amara;;;",
    "ORG:Stark Industries", "TITLE:Partner",
    'EMAIL;TYPE=work;PREF=1:amara@stark.example', "TEL;VALUE=uri;TYPE=\"voice,cell\":tel:+44-7700-900123",
    "CATEGORIES:Investors,London", "URL:https://www.linkedin.com/in/amaraokafor",
    "UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1", "END:VCARD", "",
])
VCARD_MISSING_END = CRLF.join([
    "BEGIN:VCARD", "VERSION:3.0", "FN:First Person", "N:Person;First;;;", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "FN:Broken Person", "N:Person;Broken;;;",
    "BEGIN:VCARD", "VERSION:3.0", "FN:Third Person", "N:Person;Third;;;", "END:VCARD", "",
])
VCARD_BAD_BASE64 = CRLF.join([
    "BEGIN:VCARD", "VERSION:3.0", "FN:Good Photo Owner", "PHOTO;ENCODING=b;TYPE=JPEG:!!!***",
    "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "FN:Bad Key Holder", "X-CERT;ENCODING=b:@@not base64@@=",
    "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "FN:Plain Person", "END:VCARD", "",
])
VCARD_DEEP = CRLF.join(["BEGIN:VCARD"] * 300 + ["VERSION:3.0", "FN:Deep"] + ["END:VCARD"] * 300
                       + ["BEGIN:VCARD", "VERSION:3.0", "FN:After The Deep One", "END:VCARD", ""])

KUMU_BLUEPRINT = """{
  "elements": [
    {"label": "Ana Lima", "type": "Person", "description": "Runs the Lisbon founders circle.",
     "tags": ["Founders", "Lisbon"], "Email": "ana@lima.example", "Organization": "Lima Labs"},
    {"label": "Bruno Costa", "type": "Investor", "tags": ["Lisbon"]},
    {"id": "e3", "label": "Carla Mendes", "type": "Mentor"},
    {"label": ""},
    {"label": "Duarte Reis", "type": "Person | Advisor", "tags": "Founders|Board"}
  ],
  "connections": [
    {"from": "Ana Lima", "to": "Bruno Costa", "type": "friend", "direction": "mutual"},
    {"from": "e3", "to": "Ana Lima", "type": "mentor-of", "direction": "directed", "strength": 4},
    {"from": "Bruno Costa", "to": "Duarte Reis", "type": "co-investor"},
    {"from": "Ana Lima", "to": "Nobody Known"},
    {"from": "Ana Lima"}
  ]
}
"""
KUMU_PROJECT = """{"elements":[{"_id":"elem-a1","attributes":{"label":"Eva Horvat","element type":"Person","tags":["Zagreb"],"description":"Organises meetups"}},{"_id":"elem-b2","attributes":{"label":"Filip Kovač","element type":"Customer"}}],"connections":[{"_id":"conn-1","from":"elem-a1","to":"elem-b2","direction":"directed","attributes":{"connection type":"introduced"}}],"loops":[],"maps":[{"_id":"map-1","name":"Default Map"}]}
"""

GEXF = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd">
  <meta lastmodifieddate="2024-03-12">
    <creator>Gephi 0.10.1</creator>
    <title></title>
    <description></description>
  </meta>
  <graph defaultedgetype="undirected" mode="static">
    <attributes class="node" mode="static">
      <attribute id="modularity_class" title="Modularity Class" type="integer"></attribute>
      <attribute id="company" title="Company" type="string"></attribute>
    </attributes>
    <nodes>
      <node id="0" label="Hana Novak">
        <attvalues>
          <attvalue for="modularity_class" value="0"></attvalue>
          <attvalue for="company" value="Novak Consulting"></attvalue>
        </attvalues>
        <viz:size value="24.0"></viz:size>
        <viz:position x="-120.5" y="44.25"></viz:position>
        <viz:color r="31" g="119" b="180"></viz:color>
      </node>
      <node id="1" label="Ivan Petrov">
        <attvalues>
          <attvalue for="modularity_class" value="0"></attvalue>
        </attvalues>
        <viz:size value="10.0"></viz:size>
        <viz:position x="80.0" y="-15.5"></viz:position>
        <viz:color r="31" g="119" b="180"></viz:color>
      </node>
      <node id="2" label="Julia Wójcik">
        <attvalues>
          <attvalue for="modularity_class" value="1"></attvalue>
        </attvalues>
        <viz:size value="10.0"></viz:size>
        <viz:position x="10.0" y="200.0"></viz:position>
        <viz:color r="255" g="127" b="14"></viz:color>
      </node>
    </nodes>
    <edges>
      <edge id="0" source="0" target="1" weight="1.0"></edge>
      <edge id="1" source="1" target="2" weight="9.0"></edge>
      <edge id="2" source="0" target="2" weight="5.0"></edge>
    </edges>
  </graph>
</gexf>
"""
GRAPHML_GEPHI = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key attr.name="label" attr.type="string" for="node" id="label"/>
<key attr.name="Edge Label" attr.type="string" for="edge" id="edgelabel"/>
<key attr.name="weight" attr.type="double" for="edge" id="weight"/>
<key attr.name="r" attr.type="int" for="node" id="r"/>
<key attr.name="g" attr.type="int" for="node" id="g"/>
<key attr.name="b" attr.type="int" for="node" id="b"/>
<key attr.name="x" attr.type="float" for="node" id="x"/>
<key attr.name="y" attr.type="float" for="node" id="y"/>
<key attr.name="size" attr.type="float" for="node" id="size"/>
<key attr.name="Organisation" attr.type="string" for="node" id="organisation"/>
<graph defaultedgetype="directed" edgedefault="directed">
<node id="n0">
<data key="label">Kofi Mensah</data>
<data key="organisation">Accra Angels</data>
<data key="size">12.0</data>
<data key="r">44</data><data key="g">160</data><data key="b">44</data>
<data key="x">-50.0</data><data key="y">25.0</data>
</node>
<node id="n1">
<data key="label">Lina Haddad</data>
<data key="size">10.0</data>
<data key="r">214</data><data key="g">39</data><data key="b">40</data>
<data key="x">60.0</data><data key="y">-10.0</data>
</node>
<edge id="e0" source="n0" target="n1">
<data key="weight">2.0</data>
<data key="edgelabel">introduced</data>
</edge>
</graph>
</graphml>
"""
GRAPHML_YED = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:java="http://www.yworks.com/xml/yfiles-common/1.0/java" xmlns:sys="http://www.yworks.com/xml/yfiles-common/markup/primitives/2.0" xmlns:x="http://www.yworks.com/xml/yfiles-common/markup/2.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:y="http://www.yworks.com/xml/graphml" xmlns:yed="http://www.yworks.com/xml/yed/3" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">
  <key for="port" id="d0" yfiles.type="portgraphics"/>
  <key for="port" id="d1" yfiles.type="portgeometry"/>
  <key for="port" id="d2" yfiles.type="portuserdata"/>
  <key attr.name="url" attr.type="string" for="node" id="d3"/>
  <key attr.name="description" attr.type="string" for="node" id="d4"/>
  <key for="node" id="d5" yfiles.type="nodegraphics"/>
  <key for="graphml" id="d6" yfiles.type="resources"/>
  <key attr.name="url" attr.type="string" for="edge" id="d7"/>
  <key attr.name="description" attr.type="string" for="edge" id="d8"/>
  <key for="edge" id="d9" yfiles.type="edgegraphics"/>
  <graph edgedefault="directed" id="G">
    <node id="n0">
      <data key="d4"><![CDATA[Board advisor]]></data>
      <data key="d5">
        <y:ShapeNode>
          <y:Geometry height="30.0" width="30.0" x="100.0" y="150.0"/>
          <y:Fill color="#FFCC00" transparent="false"/>
          <y:BorderStyle color="#000000" raised="false" type="line" width="1.0"/>
          <y:NodeLabel alignment="center" autoSizePolicy="content" fontFamily="Dialog" fontSize="12" fontStyle="plain" hasBackgroundColor="false" hasLineColor="false" height="18.1328125" horizontalTextPosition="center" iconTextGap="4" modelName="custom" textColor="#000000" verticalTextPosition="bottom" visible="true" width="75.390625" x="-22.6953125" xml:space="preserve" y="5.93359375">Mei Tanaka</y:NodeLabel>
          <y:Shape type="rectangle"/>
        </y:ShapeNode>
      </data>
    </node>
    <node id="n1">
      <data key="d5">
        <y:ShapeNode>
          <y:Geometry height="30.0" width="30.0" x="300.0" y="150.0"/>
          <y:Fill color="#FFCC00" transparent="false"/>
          <y:NodeLabel>Noah Fischer</y:NodeLabel>
          <y:Shape type="ellipse"/>
        </y:ShapeNode>
      </data>
    </node>
    <edge id="e0" source="n0" target="n1">
      <data key="d9">
        <y:PolyLineEdge>
          <y:LineStyle color="#000000" type="line" width="1.0"/>
          <y:Arrows source="none" target="standard"/>
          <y:EdgeLabel>mentor-of</y:EdgeLabel>
        </y:PolyLineEdge>
      </data>
    </edge>
  </graph>
  <data key="d6">
    <y:Resources/>
  </data>
</graphml>
"""
GRAPHML_CYTOSCAPE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
    <key id="name" for="node" attr.name="name" attr.type="string"/>
    <key id="shared name" for="node" attr.name="shared name" attr.type="string"/>
    <key id="interaction" for="edge" attr.name="interaction" attr.type="string"/>
    <key id="ename" for="edge" attr.name="name" attr.type="string"/>
    <graph edgedefault="directed">
        <node id="1">
            <data key="name">Omar Farouk</data>
            <data key="shared name">Omar Farouk</data>
        </node>
        <node id="2">
            <data key="name">Paula Silva</data>
            <data key="shared name">Paula Silva</data>
        </node>
        <edge source="1" target="2">
            <data key="interaction">colleague</data>
            <data key="ename">Omar Farouk (colleague) Paula Silva</data>
        </edge>
        <edge source="2" target="99">
            <data key="interaction">friend</data>
        </edge>
    </graph>
</graphml>
"""
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="label" for="node" attr.name="label" attr.type="string"/>
<graph edgedefault="undirected"><node id="a"><data key="label">&lol9;</data></node></graph>
</graphml>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE graphml [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="label" for="node" attr.name="label" attr.type="string"/>
<graph edgedefault="undirected"><node id="a"><data key="label">&secret;</data></node></graph>
</graphml>
"""
UNDECLARED = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="label" for="node" attr.name="label" attr.type="string"/>
<graph edgedefault="undirected">
<node id="a"><data key="label">Quinn Adams</data></node>
<node id="b"><data key="label">Rosa Diaz</data></node>
<edge source="a" target="b"/>
<edge source="a" target="ghost"/>
</graph>
</graphml>
"""

SIMPLE = "name,email,organisation\r\nAda Lovelace,ada@example.org,Analytical Engines\r\n" \
         "Grace Hopper,grace@example.org,US Navy\r\n"


def bad_files() -> dict[str, bytes]:
    files = {
        "bad/bom-utf8.csv": codecs.BOM_UTF8 + SIMPLE.encode("utf-8"),
        "bad/bom-utf16le.csv": codecs.BOM_UTF16_LE + SIMPLE.encode("utf-16-le"),
        "bad/bom-utf16be.csv": codecs.BOM_UTF16_BE + SIMPLE.encode("utf-16-be"),
        "bad/cp1252.csv": "name;company\r\nRené Müller;Café Crème\r\nZoë “Z” Ångström;€uro AG\r\n"
        .encode("cp1252"),
        "bad/not-text.csv": b"name,company\r\nAda,\x81\x8d\x8f\r\n",
        "bad/semicolon.csv": "Name;E-Mail;Firma;Notizen\r\nAnna Schmidt;anna@example.de;"
        '"Schmidt; Söhne";"Trifft sich gern\r\nzum Mittagessen"\r\nBen Wolf;ben@example.de;Wolf AG;\r\n'
        .encode(),
        "bad/unbalanced-quotes.csv": b'name,email\r\nAda Lovelace,ada@example.org\r\n"Broken Row,'
        b"broken@example.org\r\nGrace Hopper,grace@example.org\r\n",
        "bad/ragged.csv": b"name,email,organisation\r\nAda Lovelace,ada@example.org\r\n"
        b"Grace Hopper,grace@example.org,US Navy,extra,cells\r\nAlan Turing\r\n",
        "bad/duplicate-headers.csv": b"name,email,email,organisation\r\n"
        b"Ada Lovelace,ada@example.org,ada@lovelace.example,Analytical Engines\r\n",
        "bad/nul-bytes.csv": b"name,email\r\nAda\x00 Lovelace,ada@example.org\r\nGrace Hopper,"
        b"grace@exa\x00mple.org\r\n",
        "bad/header-only.csv": b"name,email,organisation\r\n",
        "bad/empty.csv": b"",
        "bad/formula-names.csv": b'name,email,notes\r\n"=HYPERLINK(""http://evil.example"",'
        b'""Click"")",x@example.org,+cmd|\' /C calc\'!A0\r\n@SUM(1+1),y@example.org,-2+3\r\n'
        b"Normal Person,z@example.org,fine\r\n",
        "bad/image.csv": _png(),
        "bad/billion-laughs.graphml": BILLION_LAUGHS.encode(),
        "bad/external-entity.graphml": EXTERNAL_ENTITY.encode(),
        "bad/undeclared-node.graphml": UNDECLARED.encode(),
        "bad/missing-end.vcf": VCARD_MISSING_END.encode(),
        "bad/bad-base64.vcf": VCARD_BAD_BASE64.encode(),
        "bad/deep-nesting.vcf": VCARD_DEEP.encode(),
        "bad/not-json.json": b"{\"elements\": [ {\"label\": \"A\"}, ",
    }
    return files


def _png() -> bytes:
    """A valid 1x1 PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def write_xlsx(path: Path) -> None:
    """A Kumu workbook: Elements, Connections and a sheet Kumu is told to ignore."""
    book = openpyxl.Workbook()
    elements = book.active
    elements.title = "Elements"
    elements.append(["Label", "Type", "Description", "Tags", "Email", "Organization"])
    elements.append(["Sara Khan", "Person", "Community lead", "Karachi | Founders",
                     "sara@khan.example", "Khan & Co"])
    elements.append(["Tariq Aziz", "Investor", None, "Founders", None, None])
    elements.append([None, None, None, None, None, None])
    elements.append(["Usman Ali", "Mentor", None, None, None, None])
    connections = book.create_sheet("Connections")
    connections.append(["From", "To", "Type", "Direction", "Strength"])
    connections.append(["Sara Khan", "Tariq Aziz", "friend", "mutual", 4])
    connections.append(["Usman Ali", "Sara Khan", "mentor-of", "directed", None])
    ignored = book.create_sheet("Notes (ignore)")
    ignored.append(["Label"])
    ignored.append(["Should Not Appear"])
    book.save(path)


def main() -> None:
    files: dict[str, bytes] = {
        "linkedin/Connections.csv": LINKEDIN.encode("utf-8"),
        "linkedin/Connections-next-month.csv": LINKEDIN_NEXT.encode("utf-8"),
        "linkedin/Connections-2018.csv": LINKEDIN_2018.encode("utf-8"),
        "google/contacts.csv": (GOOGLE_HEADER + "\n" + "".join(
            _row(GOOGLE_HEADER, r, end="\n") for r in GOOGLE_ROWS)).encode("utf-8"),
        "google/contacts-legacy.csv": (GOOGLE_LEGACY_HEADER + "\n" + "".join(
            _row(GOOGLE_LEGACY_HEADER, r, end="\n") for r in GOOGLE_LEGACY_ROWS)).encode("utf-8"),
        "vcard/apple.vcf": VCARD_APPLE.encode("utf-8"),
        "vcard/android-21.vcf": VCARD_21.encode("ascii"),
        "vcard/v4.vcf": VCARD_40.encode("utf-8"),
        "kumu/blueprint.json": KUMU_BLUEPRINT.encode(),
        "kumu/project-export.json": KUMU_PROJECT.encode(),
        "gephi/network.gexf": GEXF.encode(),
        "gephi/network.graphml": GRAPHML_GEPHI.encode(),
        "yed/diagram.graphml": GRAPHML_YED.encode(),
        "cytoscape/network.graphml": GRAPHML_CYTOSCAPE.encode(),
        **outlook_files(),
        **bad_files(),
    }
    for name, data in files.items():
        path = HERE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (HERE / "kumu").mkdir(exist_ok=True)
    write_xlsx(HERE / "kumu" / "kumu.xlsx")
    write_xlsx(HERE / "bad" / "xlsx-renamed.csv")


if __name__ == "__main__":
    main()
