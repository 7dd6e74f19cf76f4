import sys, re, collections
# Collapsed stacks (root;...;leaf count) -> shares by library (leaf-most non-JDK frame) and by hub method on the stack.
f = sys.argv[1]; per = float(sys.argv[2]) if len(sys.argv) > 2 else None  # per: items, to give ms per item (10 ms samples)
interval_ms = float(sys.argv[3]) if len(sys.argv) > 3 else 10.0
libs = [('org/h2/', 'H2'), ('ca/uhn/fhir/', 'HAPI FHIR'), ('org/hl7/fhir/', 'HAPI FHIR'), ('ca/uhn/hl7v2/', 'HAPI HL7v2'),
        ('org/apache/camel/', 'Camel'), ('org/apache/activemq/', 'Artemis'), ('io/netty/', 'Artemis (Netty)'),
        ('org/apache/cxf/', 'CXF'), ('com/ctc/wstx', 'CXF'), ('org/springframework/', 'Spring'), ('com/fasterxml/jackson', 'Jackson'),
        ('se/vardnav/', 'hub code'), ('org/apache/catalina', 'Tomcat'), ('org/apache/tomcat', 'Tomcat'), ('org/apache/coyote', 'Tomcat'),
        ('ch/qos/logback', 'Logback'), ('org/slf4j', 'Logback'), ('io/micrometer', 'Micrometer'), ('com/zaxxer', 'HikariCP'),
        ('jdk/internal/net/http', 'JDK HTTP client'), ('java/net/http', 'JDK HTTP client'), ('org/apache/commons', 'Apache Commons'),
        ('javax/crypto', 'JDK crypto'), ('com/sun/crypto', 'JDK crypto'), ('sun/security', 'JDK crypto')]
hubmarks = ['GuestInvitations.bookingApplied', 'GuestStore', 'BookingVersions.assign', 'BookingLinks', 'CxfPopulationRegister.fetch',
            'PlatformClient.upsertAppointment', 'PlatformDelivery.deliver', 'ContentHash.of', 'QueuePayloads', 'DataCipher',
            'BookingNotices.plan', 'NotificationPolicy', 'SiuIntake', 'BookingGate', 'Reminders.claimDue', 'Reminders.recheck',
            'Reminders.recordFired', 'RowClaims', 'Reminders.links', 'SmppSender', 'LetterRouting', 'CxfMailboxDirectory', 'Kivra', 'MinaMeddelanden', 'LetterIntake', 'Letter', 'SmsDispatch', 'DocumentStore']
bylib = collections.Counter(); bymark = collections.Counter(); byroot = collections.Counter(); total = 0
for line in open(f):
    stack, n = line.rstrip('\n').rsplit(' ', 1); n = int(n); total += n
    frames = stack.split(';')
    lib = 'JDK / JVM'
    for fr in reversed(frames):
        hit = next((name for p, name in libs if fr.startswith(p) or ('/' + p) in fr), None)
        if hit: lib = hit; break
    if lib == 'JDK / JVM' and ('C2Compiler' in stack or 'CompileBroker' in stack or 'Compilation::' in stack): lib = 'JIT compiler'
    elif lib == 'JDK / JVM' and ('G1' in stack or 'GC' in stack): lib = 'GC'
    bylib[lib] += n
    seen = set()
    for fr in frames:
        for m in hubmarks:
            if m in fr.replace('/', '.'): seen.add(m)
    for m in seen: bymark[m] += n
def show(c, title):
    print(f'{title}: (of {total} samples, {total*interval_ms/1000:.1f} s CPU)')
    for k, v in c.most_common(25):
        extra = f'  {v*interval_ms/per:.2f} ms/item' if per else ''
        print(f'  {100.0*v/total:5.1f} %  {k}{extra}')
show(bylib, 'by library (leaf-most known frame)')
show(bymark, 'by hub method on the stack')
