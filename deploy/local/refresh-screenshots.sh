#!/usr/bin/env bash
# Retakes the console's, the crew page's and the citizen pages' screenshots (the browser tests take them into .local/screenshots, which git ignores) and
# copies them into docs/screenshots for the README. The test command never writes to tracked files; this does, on purpose.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"
"$here/postgres.sh" install
dotnet test "$repo/tests/BacGiang.Incidents.Tests" -c Release -nologo --filter "FullyQualifiedName~Browser.ConsoleTests|FullyQualifiedName~Browser.CitizenPageTests|FullyQualifiedName~Browser.CrewPageTests"
mkdir -p docs/screenshots
cp .local/screenshots/*.png docs/screenshots/
echo "docs/screenshots refreshed: $(ls .local/screenshots | tr '\n' ' ')"
