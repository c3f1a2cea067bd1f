<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name />
    <message>
        <source>Welcome</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <source>Touch the service you have come for</source>
        <translation>Touch the service you have come for</translation>
    </message>
    <message>
        <source>I have an appointment</source>
        <translation>I have an appointment</translation>
    </message>
    <message>
        <source>How was your visit?</source>
        <translation>How was your visit?</translation>
    </message>
    <message>
        <source>Do you need to be seen first?</source>
        <translation>Do you need to be seen first?</translation>
    </message>
    <message>
        <source>For example: difficulty walking or standing, pregnancy, a disability, a small child in your arms.</source>
        <translation>For example: difficulty walking or standing, pregnancy, a disability, a small child in your arms.</translation>
    </message>
    <message>
        <source>Yes, I need priority</source>
        <translation>Yes, I need priority</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Your ticket</source>
        <translation>Your ticket</translation>
    </message>
    <message>
        <source>Scan this code to follow your turn on your phone</source>
        <translation>Scan this code to follow your turn on your phone</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>The general reception desk can help you now.</source>
        <translation>The general reception desk can help you now.</translation>
    </message>
    <message>
        <source>Take a ticket for general reception</source>
        <translation>Take a ticket for general reception</translation>
    </message>
    <message>
        <source>{service} is closed now</source>
        <translation>{service} is closed now</translation>
    </message>
    <message>
        <source>Next opening: {when}</source>
        <translation>Next opening: {when}</translation>
    </message>
    <message>
        <source>Staff only</source>
        <translation>Staff only</translation>
    </message>
    <message>
        <source>Enter a staff PIN to leave the kiosk</source>
        <translation>Enter a staff PIN to leave the kiosk</translation>
    </message>
    <message>
        <source>Enter the code you were given when you booked</source>
        <translation>Enter the code you were given when you booked</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Good</translation>
    </message>
    <message>
        <source>All right</source>
        <translation>All right</translation>
    </message>
    <message>
        <source>Not good</source>
        <translation>Not good</translation>
    </message>
    <message>
        <source>Which service did you see?</source>
        <translation>Which service did you see?</translation>
    </message>
    <message>
        <source>One tap is enough. Thank you!</source>
        <translation>One tap is enough. Thank you!</translation>
    </message>
    <message>
        <source>No wait</source>
        <translation>No wait</translation>
    </message>
    <message>
        <source>{count} waiting · ~{minutes} min</source>
        <translation>{count} waiting · ~{minutes} min</translation>
    </message>
    <message>
        <source>You are next</source>
        <translation>You are next</translation>
    </message>
    <message>
        <source>You are number {position} in line</source>
        <translation>You are number {position} in line</translation>
    </message>
    <message>
        <source>Estimated wait: a few minutes</source>
        <translation>Estimated wait: a few minutes</translation>
    </message>
    <message>
        <source>Estimated wait: about {minutes} min</source>
        <translation>Estimated wait: about {minutes} min</translation>
    </message>
    <message>
        <source>no opening planned</source>
        <translation>no opening planned</translation>
    </message>
    <message>
        <source>today {time}</source>
        <translation>today {time}</translation>
    </message>
    <message>
        <source>tomorrow {time}</source>
        <translation>tomorrow {time}</translation>
    </message>
    <message>
        <source>Larger text, high contrast</source>
        <translation>Larger text, high contrast</translation>
    </message>
    <message>
        <source>Read the screen aloud</source>
        <translation>Read the screen aloud</translation>
    </message>
    <message>
        <source>We cannot give tickets at the moment. Reception will help you.</source>
        <translation>We cannot give tickets at the moment. Reception will help you.</translation>
    </message>
    <message>
        <source>Closed · opens {when}</source>
        <translation>Closed · opens {when}</translation>
    </message>
    <message>
        <source>One moment…</source>
        <translation>One moment…</translation>
    </message>
    <message>
        <source>Several tickets were just taken here.</source>
        <translation>Several tickets were just taken here.</translation>
    </message>
    <message>
        <source>Please wait a moment, or ask at reception.</source>
        <translation>Please wait a moment, or ask at reception.</translation>
    </message>
    <message>
        <source>Sorry, no ticket can be printed right now.</source>
        <translation>Sorry, no ticket can be printed right now.</translation>
    </message>
    <message>
        <source>Reception will help you.</source>
        <translation>Reception will help you.</translation>
    </message>
    <message>
        <source>Sorry, something went wrong.</source>
        <translation>Sorry, something went wrong.</translation>
    </message>
    <message>
        <source>Keep this screen's code: no printer here.</source>
        <translation>Keep this screen's code: no printer here.</translation>
    </message>
    <message>
        <source>Printing your ticket…</source>
        <translation>Printing your ticket…</translation>
    </message>
    <message>
        <source>Please take your ticket below.</source>
        <translation>Please take your ticket below.</translation>
    </message>
    <message>
        <source>The printer is not working. Your ticket is on this screen: scan the code or remember your number. Reception has been told.</source>
        <translation>The printer is not working. Your ticket is on this screen: scan the code or remember your number. Reception has been told.</translation>
    </message>
    <message>
        <source>This code is not known. Please check it, or ask at reception.</source>
        <translation>This code is not known. Please check it, or ask at reception.</translation>
    </message>
    <message>
        <source>Too many tries. Please ask at reception.</source>
        <translation>Too many tries. Please ask at reception.</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>Thank you!</translation>
    </message>
    <message>
        <source>Your answer helps us improve.</source>
        <translation>Your answer helps us improve.</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>Wrong PIN.</translation>
    </message>
    <message>
        <source>Too many tries. Please wait a minute.</source>
        <translation>Too many tries. Please wait a minute.</translation>
    </message>
    <message>
        <source>The hub cannot check the PIN right now.</source>
        <translation>The hub cannot check the PIN right now.</translation>
    </message>
</context>
</TS>