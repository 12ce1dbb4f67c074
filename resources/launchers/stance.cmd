@echo off
rem Stance's command line on Windows: `stance import run.gpx ...` runs Stance.exe as a command
rem line (`Stance.exe --cli ...`: no window, the same commands as the `stance` of a source
rem checkout). Installed beside Stance.exe; add that folder to PATH to type `stance` anywhere.
rem Stance.exe is a windowed program: its output shows when redirected or piped
rem (`stance import run.gpx | more`, `stance check > check.txt`).
"%~dp0Stance.exe" --cli %*
exit /b %ERRORLEVEL%
